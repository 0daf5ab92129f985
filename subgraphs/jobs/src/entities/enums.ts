import { registerEnumType } from "type-graphql";

/** The one normalised status of a job, whatever its backend calls it (`Job.nativeState`). */
export enum JobStatus {
  SUBMITTED = "SUBMITTED",
  STAGING = "STAGING",
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
    "SUBMITTED recorded and placed, not yet at a backend; STAGING waiting for its input data; QUEUED/RUNNING at the backend; COMPLETED/FAILED/CANCELLED final; HELD waiting for releaseJob.",
});

export const FINAL_STATUSES: readonly JobStatus[] = [
  JobStatus.COMPLETED,
  JobStatus.FAILED,
  JobStatus.CANCELLED,
];
export const isFinal = (status: JobStatus) => FINAL_STATUSES.includes(status);

/** An action asked of the backend that could not reach it yet; the reconciler retries it. */
export enum PendingAction {
  CANCEL = "CANCEL",
  HOLD = "HOLD",
  RELEASE = "RELEASE",
}
