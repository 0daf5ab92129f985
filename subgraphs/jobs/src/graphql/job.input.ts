import { ArrayMaxSize, IsOptional, Length } from "class-validator";
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

  @Field(() => ID, { nullable: true, description: "Jobs of this collection." })
  collectionId?: string | null;

  @Field(() => [ID], { nullable: true, description: "Only these jobs (at most 1000)." })
  @IsOptional()
  @ArrayMaxSize(1000)
  ids?: string[] | null;
}

@InputType({ description: "An environment variable for the job." })
export class EnvironmentVariableInput {
  @Field()
  @Length(1, 128)
  name!: string;

  @Field()
  @Length(0, 10_000)
  value!: string;
}

/** Numbers are checked by the domain (job-spec.ts), so that every problem is reported at once. */
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
  cores?: number | null;

  @Field(() => Int, { nullable: true, description: "Memory in MB, default 2000." })
  @IsOptional()
  memoryMb?: number | null;

  @Field(() => Int, { nullable: true, description: "GPUs, default 0." })
  @IsOptional()
  gpus?: number | null;

  @Field(() => Int, { nullable: true, description: "Wall time in seconds, default 3600." })
  @IsOptional()
  wallTimeSeconds?: number | null;

  @Field(() => String, { nullable: true })
  platform?: string | null;

  @Field(() => [String], { nullable: true })
  requiredSoftware?: string[] | null;

  @Field(() => String, { nullable: true })
  containerImage?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Input datasets; each must be visible to you and ONLINE at the site the job runs at.",
  })
  @IsOptional()
  @ArrayMaxSize(10_000)
  inputs?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Files to keep, e.g. ["result.txt", "images/*.fits"]: names or patterns relative to the working directory; each match becomes a dataset derived from the inputs.',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  outputs?: string[] | null;

  @Field(() => [EnvironmentVariableInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  environment?: EnvironmentVariableInput[] | null;

  @Field(() => ID, { nullable: true, description: "Run at this site (placement still checks that it fits)." })
  siteId?: string | null;

  @Field(() => String, { nullable: true, description: "Run in this queue of `siteId`." })
  queue?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Your key for this submission: sending it again returns the same job instead of a second one.",
  })
  idempotencyKey?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "When no site fits now: record the job HELD (releaseJob places it again) instead of refusing it.",
  })
  holdIfNoPlacement?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Record the job HELD; releaseJob sends it." })
  hold?: boolean | null;
}

@InputType({ description: "A DIRAC JDL to run: one job, or one per parameter of a parametric JDL." })
export class SubmitJobJdlInput {
  @Field({ description: "The JDL text." })
  @Length(1, 200_000)
  jdl!: string;

  @Field(() => String, { nullable: true, description: "VO, unless the JDL says (VirtualOrganization)." })
  vo?: string | null;

  @Field(() => [String], { nullable: true, description: "Files to keep, as in submitJob." })
  @IsOptional()
  @ArrayMaxSize(100)
  outputs?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: "As in submitJob (for a collection: the whole collection).",
  })
  idempotencyKey?: string | null;
}
