import { EventEmitter } from "node:events";
import type { EntityManager } from "@mikro-orm/postgresql";
import { isFinal, Job, JobEvent, JobStatus } from "../entities";

export interface Change {
  /** The new status; omitted: an event that changes no status (a note, an account, a warning). */
  status?: JobStatus;
  nativeState?: string | null;
  message: string;
  /** gridgraph, or the backend's kind (local, slurm). */
  source?: string;
  exitCode?: number | null;
  reason?: string | null;
  startedAt?: Date | null;
  finishedAt?: Date | null;
  /** When it happened, if the backend says (default: now). */
  at?: Date | null;
}

/**
 * Every change of a job goes through here: the job's fields and one event of its append-only
 * log, numbered per job. Callers hold the job's row (a transaction that locked it), so the
 * numbering and the transitions never interleave. A final status is final: later words from
 * a backend about a finished job are ignored rather than reopening it.
 */
export function record(em: EntityManager, job: Job, change: Change): JobEvent | null {
  if (change.status && isFinal(job.status) && change.status !== job.status) return null;
  if (change.status) job.status = change.status;
  if (change.nativeState !== undefined) job.nativeState = change.nativeState;
  if (change.reason !== undefined) job.statusReason = change.reason;
  if (change.exitCode !== undefined && change.exitCode !== null) job.exitCode = change.exitCode;
  if (change.startedAt && !job.startedAt) job.startedAt = change.startedAt;
  if (change.status === JobStatus.RUNNING && !job.startedAt) job.startedAt = new Date();
  if (change.status && isFinal(change.status)) {
    job.finishedAt = change.finishedAt ?? job.finishedAt ?? new Date();
    job.pendingAction = null;
    job.dispatchLeaseUntil = null;
  }
  job.eventCount += 1;
  const event = em.create(JobEvent, {
    job,
    seq: job.eventCount,
    status: job.status,
    nativeState: change.nativeState ?? null,
    message: change.message,
    source: change.source ?? "gridgraph",
    ...(change.at ? { at: change.at } : {}),
  });
  changes.emit("job", job.id);
  return event;
}

/**
 * Tells event streams in this process that a job changed (they also look every second, for
 * changes made by other replicas). Emitted before commit: a listener reads after a short wait.
 */
export const changes = new EventEmitter().setMaxListeners(0);
