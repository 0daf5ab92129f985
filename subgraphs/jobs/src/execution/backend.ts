import type { JobStatus } from "../entities";

/** One input dataset as the job sees it: the replica at its site, and where that is on disk. */
export interface InputReplica {
  datasetId: string;
  lfn: string;
  url: string;
  /** The file on this machine's view of the site's storage; null when it is not there. */
  localPath: string | null;
}

/** What a backend is asked to run: one attempt of one job. */
export interface DispatchRequest {
  jobId: string;
  /** `<job id>.<attempt>`: how the backend names this attempt, so a cut-short dispatch is found again. */
  token: string;
  name: string;
  executable: string;
  arguments: string[];
  environment: Record<string, string>;
  cores: number;
  memoryMb: number;
  gpus: number;
  wallTimeSeconds: number;
  /** The local account the job runs as (mapped from the owner's identity; see accounts.ts). */
  account: string;
  /** The inputs' replicas at the chosen site; those with a local path are linked into the working directory. */
  inputs: InputReplica[];
  /** Submit held (HELD until released). */
  hold?: boolean;
}

/** A backend's answer about one job, in gridgraph's terms and its own. */
export interface Observation {
  status: JobStatus;
  nativeState: string;
  reason?: string | null;
  exitCode?: number | null;
  startedAt?: Date | null;
  finishedAt?: Date | null;
  /**
   * The infrastructure failed the job (node failure, the backend lost it, boot failure): it
   * is sent elsewhere, up to a limit. A job that failed on its own (non-zero exit, wall
   * time) is not.
   */
  infrastructureFailure?: boolean;
}

export interface Submitted {
  backendJobId: string;
  /** Where the attempt's files are (stdout, stderr, outputs), readable by the jobs service. */
  workDir: string;
  observation: Observation;
}

/** The backend could not be reached or answered nonsense: jobs keep their last known state. */
export class BackendUnavailable extends Error {
  override name = "BackendUnavailable";
}

/** The backend answered, but not in its protocol (an HTML error page from a proxy, say). */
export class BackendGarbage extends BackendUnavailable {
  override name = "BackendGarbage";
}

/** The backend refused this job (a bad request, a limit): the job fails with the backend's words. */
export class BackendRefused extends Error {
  override name = "BackendRefused";
}

/**
 * One kind of batch system behind one interface (decision 0015). Implementations: the local
 * executor and Slurm through slurmrestd. Every method may throw BackendUnavailable.
 */
export interface ExecutionBackend {
  /** "local", "slurm": recorded on the job and in its events. */
  readonly kind: string;
  /** A short description for events, e.g. "Slurm at http://host:6820 (REST v0.0.38)". */
  describe(): string;
  submit(request: DispatchRequest): Promise<Submitted>;
  /** The attempt a dispatch cut short may have left at the backend, by its token; null if none. */
  find(token: string, account: string): Promise<Submitted | null>;
  /** Many jobs at once; a job the backend no longer knows is "lost". */
  observe(
    jobs: { backendJobId: string; workDir: string; account: string }[],
  ): Promise<Map<string, Observation | "lost">>;
  cancel(backendJobId: string, account: string): Promise<void>;
  hold(backendJobId: string, account: string): Promise<void>;
  release(backendJobId: string, account: string): Promise<void>;
  /** Where the attempt's stdout and stderr are. */
  logFiles(workDir: string): { stdout: string; stderr: string };
  /** The directory outputs are looked for in (patterns are relative to it). */
  outputDir(workDir: string): string;
}
