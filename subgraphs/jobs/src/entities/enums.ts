import { registerEnumType } from "type-graphql";

export enum JobStatus {
  SUBMITTED = "SUBMITTED",
  MATCHED = "MATCHED",
  QUEUED = "QUEUED",
  RUNNING = "RUNNING",
  COMPLETED = "COMPLETED",
  FAILED = "FAILED",
  CANCELLED = "CANCELLED",
  HELD = "HELD",
}

registerEnumType(JobStatus, {
  name: "JobStatus",
  description:
    "SUBMITTED recorded; MATCHED placed; QUEUED/RUNNING at the backend; COMPLETED/FAILED/CANCELLED final; HELD waiting for a person.",
});
