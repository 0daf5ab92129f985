import { Field, Int, ObjectType } from "type-graphql";
import { connectionType } from "@gridgraph/kit";
import { Job, JobCollection, JobStatus } from "../entities";

export const JobConnection = connectionType(Job, "Job");

@ObjectType()
export class SubmitJobPayload {
  @Field(() => Job)
  job!: Job;
}

@ObjectType()
export class JobPayload {
  @Field(() => Job)
  job!: Job;
}

@ObjectType({ description: "How many jobs of a collection have a status." })
export class JobStatusCount {
  @Field(() => JobStatus)
  status!: JobStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class SubmitJobJdlPayload {
  @Field(() => [Job], { description: "One job, or one per parameter, in parameter order." })
  jobs!: Job[];

  @Field(() => JobCollection, { nullable: true, description: "The jobs of a parametric JDL, together." })
  collection!: JobCollection | null;

  @Field(() => [String], {
    description: "What the JDL said that was not used, as placementForJdl reports it.",
  })
  warnings!: string[];
}

@ObjectType()
export class RunNotebookPayload {
  @Field(() => [Job], { description: "One job, or one per dataset in the order given." })
  jobs!: Job[];

  @Field(() => JobCollection, { nullable: true, description: "The jobs of a per-dataset run, together." })
  collection!: JobCollection | null;
}

@ObjectType({ description: "The end of a log file." })
export class LogTail {
  @Field({ description: "The last bytes of the file (at most JOBS_LOG_TAIL_BYTES), as text." })
  text!: string;

  @Field(() => Number, { description: "The file's whole size, in bytes." })
  sizeBytes!: number;

  @Field({ description: "True when `text` is not the whole file." })
  truncated!: boolean;

  @Field({
    description: "Where the whole file is, at the gateway, with your rights, e.g. /jobs/<id>/stdout.",
  })
  downloadPath!: string;
}
