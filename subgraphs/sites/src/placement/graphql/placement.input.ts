import { ArrayMaxSize, IsOptional, Length, Max, Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { PLATFORMS } from "../../registry/domain/record-rules";

@InputType()
export class SoftwareRequirementInput {
  @Field({ description: "Application name as sites publish it, e.g. LINC, MATLAB, cvmfs:sw.lofar.eu." })
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true, description: "Version or comparison: 5.0 (5.0.x), >=6.1, <4." })
  version?: string | null;
}

@InputType({ description: "What a job needs. Memory in MB, times in seconds." })
export class JobRequirementsInput {
  @Field({ description: "VO the job runs as, e.g. vo.lofar.eu." })
  @Length(1, 255)
  vo!: string;

  @Field(() => Int, { nullable: true, description: "Cores (slots) for the job; default 1." })
  @IsOptional()
  @Min(1)
  cores?: number | null;

  @Field(() => Int, { nullable: true, description: "Memory for the job, in MB." })
  @IsOptional()
  @Min(1)
  memoryMb?: number | null;

  @Field(() => Int, { nullable: true, description: "GPUs per node; default 0." })
  @IsOptional()
  @Min(0)
  @Max(64)
  gpus?: number | null;

  @Field(() => String, { nullable: true, description: "GPU model, matched as a substring, e.g. A100." })
  gpuModel?: string | null;

  @Field(() => Int, { nullable: true, description: "Wall-clock time, in seconds." })
  @IsOptional()
  @Min(1)
  wallTimeSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: "CPU time, in seconds." })
  @IsOptional()
  @Min(1)
  cpuTimeSeconds?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "CPU work in HS06-seconds (what DIRAC calls CPUTime): compared with each site's CPU time limit divided by its benchmark per core; sites without an HS06-scale benchmark are not refused for it.",
  })
  @IsOptional()
  @Min(1)
  cpuWorkHs06Seconds?: number | null;

  @Field(() => String, { nullable: true, description: `One of ${PLATFORMS.join(", ")}.` })
  platform?: string | null;

  @Field(() => String, { nullable: true, description: "OS family, e.g. linux." })
  osFamily?: string | null;

  @Field(() => [SoftwareRequirementInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  software?: SoftwareRequirementInput[] | null;

  @Field(() => String, { nullable: true, description: "apptainer (or singularity), docker, podman." })
  containerRuntime?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: "Acceptable endpoint interfaces, e.g. org.nordugrid.arcrest.",
  })
  interfaces?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Tags every chosen queue must carry, e.g. mcore, gpu.",
  })
  tags?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Only these sites (DIRAC Site)." })
  allowedSites?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Never these sites (DIRAC BannedSite)." })
  bannedSites?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Compute endpoints (host names or URLs) the job must go through, e.g. DIRAC's GridCE.",
  })
  @IsOptional()
  computeEndpoints?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Sites holding the input data: scored higher." })
  dataSites?: string[] | null;

  @Field(() => Date, { nullable: true, description: "When the job would start; default now." })
  startAt?: Date | null;
}
