import { ArrayMaxSize, IsOptional, Length, Max, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { JobStatus } from "../entities";

@InputType({ description: "Filters for `jobs`; all given filters must hold." })
export class JobFilter {
  @Field(() => JobStatus, { nullable: true })
  status?: JobStatus | null;

  @Field(() => String, { nullable: true })
  vo?: string | null;

  @Field(() => String, { nullable: true })
  owner?: string | null;

  @Field(() => ID, { nullable: true, description: "Jobs placed at this site." })
  siteId?: string | null;
}

@InputType({ description: "What to run and what it needs." })
export class SubmitJobInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field({ description: "VO the job runs as, e.g. vo.lofar.eu; you must be a member. The owner is you." })
  @Length(1, 255)
  vo!: string;

  @Field()
  @Length(1, 1000)
  executable!: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  arguments?: string[] | null;

  @Field(() => Int, { nullable: true, description: "Cores, default 1." })
  @IsOptional()
  @Min(1)
  cores?: number | null;

  @Field(() => Int, { nullable: true, description: "Memory in MB, default 2000." })
  @IsOptional()
  @Min(1)
  memoryMb?: number | null;

  @Field(() => Int, { nullable: true, description: "GPUs, default 0." })
  @IsOptional()
  @Min(0)
  gpus?: number | null;

  @Field(() => Int, { nullable: true, description: "Wall time in seconds, default 3600." })
  @IsOptional()
  @Min(1)
  @Max(366 * 24 * 3600)
  wallTimeSeconds?: number | null;

  @Field(() => String, { nullable: true })
  platform?: string | null;

  @Field(() => [String], { nullable: true })
  requiredSoftware?: string[] | null;

  @Field(() => String, { nullable: true })
  containerImage?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Input datasets." })
  @IsOptional()
  @ArrayMaxSize(10_000)
  inputs?: string[] | null;
}
