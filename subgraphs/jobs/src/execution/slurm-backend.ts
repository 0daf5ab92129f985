import fs from "node:fs";
import path from "node:path";
import { SignJWT } from "jose";
import { JobStatus } from "../entities";
import {
  BackendGarbage,
  BackendRefused,
  BackendUnavailable,
  type DispatchRequest,
  type ExecutionBackend,
  type Observation,
  type Submitted,
} from "./backend";
import { logFilesIn, prepareWorkDir } from "./work-dir";

export interface SlurmEndpointConfig {
  /** slurmrestd's base URL, e.g. http://slurm-head:6820. */
  url: string;
  /** Where attempts' directories go: a filesystem the jobs service and the cluster's nodes share. */
  jobDir: string;
  partition?: string;
  /** Slurm's JWT key (AuthAltParameters=jwt_key=...): tokens are minted per mapped account. */
  jwtKeyFile?: string;
  /** Or one fixed token for one account (`scontrol token username=<user>`). */
  token?: string;
  user?: string;
  /** The account the service reads the queue as (default: `user`, else root). */
  observerAccount?: string;
}

/** REST API versions this client speaks, best first; the server's offer is asked for once. */
const SPOKEN_VERSIONS = ["v0.0.38"];
const TIMEOUT_MS = 15_000;

/** Slurm's job states, in gridgraph's terms; the native state is kept beside it. */
function normalise(job: SlurmJob): Observation {
  const state = Array.isArray(job.job_state) ? String(job.job_state[0]) : String(job.job_state ?? "UNKNOWN");
  const reason = job.state_reason && job.state_reason !== "None" ? job.state_reason : null;
  const times = {
    startedAt: job.start_time ? new Date(numberOf(job.start_time) * 1000) : null,
    finishedAt: job.end_time ? new Date(numberOf(job.end_time) * 1000) : null,
  };
  const exitCode = exitCodeOf(job.exit_code);
  const held = reason === "JobHeldUser" || reason === "JobHeldAdmin" || numberOf(job.priority) === 0;
  switch (state) {
    case "PENDING":
    case "CONFIGURING":
    case "REQUEUED":
    case "REQUEUE_HOLD":
    case "REQUEUE_FED":
      return {
        status: held ? JobStatus.HELD : JobStatus.QUEUED,
        nativeState: state,
        reason,
        startedAt: null,
        finishedAt: null,
      };
    case "RUNNING":
    case "COMPLETING":
    case "SUSPENDED":
    case "STAGE_OUT":
    case "SIGNALING":
    case "RESIZING":
      return { status: JobStatus.RUNNING, nativeState: state, reason, ...times, finishedAt: null };
    case "COMPLETED":
      return { status: JobStatus.COMPLETED, nativeState: state, reason, exitCode, ...times };
    case "CANCELLED":
    case "REVOKED":
      return { status: JobStatus.CANCELLED, nativeState: state, reason, exitCode, ...times };
    case "TIMEOUT":
      return {
        status: JobStatus.FAILED,
        nativeState: state,
        reason: "Wall time exceeded: Slurm stopped the job.",
        exitCode,
        ...times,
      };
    case "NODE_FAIL":
    case "BOOT_FAIL":
    case "PREEMPTED":
      return {
        status: JobStatus.FAILED,
        nativeState: state,
        reason: `Slurm reports ${state}${reason ? ` (${reason})` : ""}.`,
        exitCode,
        infrastructureFailure: true,
        ...times,
      };
    default: // FAILED, OUT_OF_MEMORY, DEADLINE, and anything newer
      return {
        status: JobStatus.FAILED,
        nativeState: state,
        reason: reason ?? (exitCode ? `Exited with code ${exitCode}.` : null),
        exitCode,
        ...times,
      };
  }
}

/** Numbers in v0.0.38 are plain; later versions wrap them as { set, infinite, number }. */
function numberOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (value && typeof value === "object" && "number" in value)
    return Number((value as { number: unknown }).number);
  return Number(value ?? 0);
}

/** `exit_code` is a raw wait status in v0.0.38: exit status in the high byte, signal in the low bits. */
export function exitCodeOf(value: unknown): number | null {
  if (value == null) return null;
  if (typeof value === "object" && value && "return_code" in value)
    return numberOf((value as { return_code: unknown }).return_code);
  const raw = numberOf(value);
  if (!Number.isFinite(raw)) return null;
  const signal = raw & 0x7f;
  return signal ? 128 + signal : (raw >> 8) & 0xff;
}

interface SlurmJob {
  job_id: number;
  name?: string;
  user_name?: string;
  job_state?: string | string[];
  state_reason?: string;
  exit_code?: unknown;
  priority?: unknown;
  start_time?: unknown;
  end_time?: unknown;
  current_working_directory?: string;
}

interface SlurmAnswer {
  errors?: { error?: string; error_code?: number; description?: string }[];
  jobs?: SlurmJob[];
  job_id?: number;
}

/** A bash script that runs the job with its stdout and stderr capped (the rest is dropped, with a note). */
function batchScript(request: DispatchRequest, dir: string, limit: number): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [request.executable, ...request.arguments].map(quote).join(" ");
  return [
    "#!/bin/bash",
    'cap() { head -c $1 > "$2"; n=$(wc -c); if [ "$n" -gt 0 ]; then printf \'\\n[gridgraph: output truncated at %s bytes; %s more bytes were dropped]\\n\' "$1" "$n" >> "$2"; fi; }',
    `${command} > >(cap ${limit} ${quote(path.join(dir, "stdout"))}) 2> >(cap ${limit} ${quote(path.join(dir, "stderr"))})`,
    "rc=$?",
    "wait",
    "exit $rc",
    "",
  ].join("\n");
}

/**
 * Slurm through slurmrestd (`org.slurm.rest`): submit, observe, cancel, hold and release over
 * its REST API, as the account the job's owner maps to. Request bodies always carry a
 * Content-Length (slurmrestd answers chunked bodies with garbage); every answer's `errors` are
 * read, and a body that is not Slurm's JSON is BackendUnavailable naming what came back.
 */
export class SlurmBackend implements ExecutionBackend {
  readonly kind = "slurm";
  private version?: Promise<string>;
  private key?: Uint8Array;

  constructor(
    private readonly config: SlurmEndpointConfig,
    private readonly stdoutLimitBytes: number,
  ) {}

  describe() {
    return `Slurm at ${this.config.url}`;
  }

  private async tokenFor(account: string): Promise<string> {
    if (this.config.token) {
      if (this.config.user && account !== this.config.user)
        throw new BackendRefused(
          `This Slurm endpoint has a token for '${this.config.user}' only, not for account '${account}'.`,
        );
      return this.config.token;
    }
    if (!this.config.jwtKeyFile)
      throw new BackendRefused("This Slurm endpoint has neither jwtKeyFile nor token.");
    this.key ??= fs.readFileSync(this.config.jwtKeyFile);
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ sun: account })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(this.key);
  }

  private get observer() {
    return this.config.observerAccount ?? this.config.user ?? "root";
  }

  private async call(account: string, method: string, route: string, body?: unknown): Promise<SlurmAnswer> {
    const version = await this.negotiate();
    return this.request(account, method, `/slurm/${version}${route}`, body);
  }

  private async request(account: string, method: string, route: string, body?: unknown) {
    const text = body === undefined ? undefined : JSON.stringify(body);
    let response: Response;
    try {
      response = await fetch(this.config.url.replace(/\/$/, "") + route, {
        method,
        headers: {
          "x-slurm-user-name": account,
          "x-slurm-user-token": await this.tokenFor(account),
          ...(text === undefined
            ? {}
            : { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) }),
        },
        body: text,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      if (error instanceof BackendRefused) throw error;
      throw new BackendUnavailable(`${this.describe()} cannot be reached: ${(error as Error).message}`);
    }
    const raw = await response.text().catch(() => "");
    let answer: SlurmAnswer;
    try {
      answer = JSON.parse(raw) as SlurmAnswer;
    } catch {
      throw new BackendGarbage(
        `${this.describe()} answered ${response.status} with something that is not Slurm's JSON: ${raw.slice(0, 200)}`,
      );
    }
    if (response.status === 401 || response.status === 403)
      throw new BackendRefused(`${this.describe()} refused account '${account}' (${response.status}).`);
    if (response.status >= 500 && !answer.errors?.length)
      throw new BackendUnavailable(`${this.describe()} answered ${response.status}.`);
    return answer;
  }

  /** The newest REST version both sides speak, asked of the server once (again after a failure). */
  negotiate(): Promise<string> {
    this.version ??= (async () => {
      const spec = (await this.request(this.observer, "GET", "/openapi/v3")) as {
        paths?: Record<string, unknown>;
      };
      const offered = new Set(
        Object.keys(spec.paths ?? {})
          .map((p) => /^\/slurm\/(v\d+\.\d+\.\d+)\/job\/submit$/.exec(p)?.[1])
          .filter(Boolean),
      );
      const chosen = SPOKEN_VERSIONS.find((v) => offered.has(v));
      if (!chosen)
        throw new BackendUnavailable(
          `${this.describe()} offers REST ${[...offered].join(", ") || "no job API"}; gridgraph speaks ${SPOKEN_VERSIONS.join(", ")}.`,
        );
      return chosen;
    })();
    this.version.catch(() => (this.version = undefined));
    return this.version;
  }

  private static errorsOf(answer: SlurmAnswer, ignore: number[] = []) {
    return (answer.errors ?? [])
      .filter((e) => !ignore.includes(e.error_code ?? -1))
      .map((e) => `${e.error ?? e.description ?? "error"}${e.error_code ? ` (${e.error_code})` : ""}`);
  }

  async submit(request: DispatchRequest): Promise<Submitted> {
    try {
      return await this.submitOnce(request);
    } catch (error) {
      // Nonsense in answer to a submission fails this job with what came back; an endpoint
      // that does not answer at all is tried again.
      if (error instanceof BackendGarbage) throw new BackendRefused(error.message);
      throw error;
    }
  }

  private async submitOnce(request: DispatchRequest): Promise<Submitted> {
    const dir = prepareWorkDir(this.config.jobDir, request, this.stdoutLimitBytes);
    const answer = await this.call(request.account, "POST", "/job/submit", {
      script: batchScript(request, dir, this.stdoutLimitBytes),
      job: {
        name: request.token,
        comment: `gridgraph job ${request.jobId}`,
        current_working_directory: path.join(dir, "work"),
        standard_output: path.join(dir, "slurm.out"),
        standard_error: path.join(dir, "slurm.out"),
        environment: {
          PATH: "/usr/local/bin:/usr/bin:/bin",
          HOME: path.join(dir, "work"),
          ...request.environment,
          GRIDGRAPH_JOB_ID: request.jobId,
          GRIDGRAPH_JOB_DIR: path.join(dir, "work"),
        },
        tasks: 1,
        cpus_per_task: request.cores,
        memory_per_node: request.memoryMb,
        time_limit: Math.max(1, Math.ceil(request.wallTimeSeconds / 60)),
        ...(request.gpus ? { gpus: String(request.gpus) } : {}),
        ...(this.config.partition ? { partition: this.config.partition } : {}),
        ...(request.hold ? { hold: true } : {}),
      },
    });
    // 2042: "Job is in held state": a warning when we asked for it.
    const problems = SlurmBackend.errorsOf(answer, [2042]);
    if (!answer.job_id || problems.length)
      throw new BackendRefused(`Slurm refused the job: ${problems.join("; ") || "no job id in its answer"}.`);
    return {
      backendJobId: String(answer.job_id),
      workDir: dir,
      observation: {
        status: request.hold ? JobStatus.HELD : JobStatus.QUEUED,
        nativeState: "PENDING",
        reason: request.hold ? "JobHeldUser" : null,
      },
    };
  }

  async find(token: string, account: string): Promise<Submitted | null> {
    const answer = await this.call(this.observer, "GET", "/jobs");
    const job = (answer.jobs ?? []).find(
      (j) => j.name === token && (!j.user_name || j.user_name === account),
    );
    if (!job) return null;
    return {
      backendJobId: String(job.job_id),
      workDir: path.join(this.config.jobDir, token),
      observation: normalise(job),
    };
  }

  async observe(jobs: { backendJobId: string }[]) {
    const result = new Map<string, Observation | "lost">();
    if (!jobs.length) return result;
    const wanted = new Set(jobs.map((j) => j.backendJobId));
    let found: SlurmJob[];
    if (jobs.length === 1) {
      const answer = await this.call(
        this.observer,
        "GET",
        `/job/${encodeURIComponent(jobs[0].backendJobId)}`,
      );
      found = answer.jobs ?? [];
      const problems = SlurmBackend.errorsOf(answer);
      // 2017: "Invalid job id specified": Slurm no longer knows it.
      if (!found.length && problems.length && !answer.errors?.some((e) => e.error_code === 2017))
        throw new BackendUnavailable(`${this.describe()}: ${problems.join("; ")}`);
    } else {
      const answer = await this.call(this.observer, "GET", "/jobs");
      if (!Array.isArray(answer.jobs))
        throw new BackendUnavailable(
          `${this.describe()} answered without a job list: ${SlurmBackend.errorsOf(answer).join("; ")}`,
        );
      found = answer.jobs;
    }
    for (const job of found)
      if (wanted.has(String(job.job_id))) result.set(String(job.job_id), normalise(job));
    for (const id of wanted) if (!result.has(id)) result.set(id, "lost");
    return result;
  }

  private async update(backendJobId: string, account: string, body: unknown, what: string) {
    const answer = await this.call(account, "POST", `/job/${encodeURIComponent(backendJobId)}`, body);
    const problems = SlurmBackend.errorsOf(answer);
    if (problems.length)
      throw new BackendRefused(`Slurm refused to ${what} job ${backendJobId}: ${problems.join("; ")}.`);
  }

  async cancel(backendJobId: string, account: string) {
    const answer = await this.call(account, "DELETE", `/job/${encodeURIComponent(backendJobId)}`);
    // Already finished (2017 unknown, 2021 "already completed"): nothing left to cancel.
    const problems = SlurmBackend.errorsOf(answer, [2017, 2021]);
    if (problems.length)
      throw new BackendRefused(`Slurm refused to cancel job ${backendJobId}: ${problems.join("; ")}.`);
  }

  hold(backendJobId: string, account: string) {
    return this.update(backendJobId, account, { hold: true }, "hold");
  }

  release(backendJobId: string, account: string) {
    return this.update(backendJobId, account, { hold: false }, "release");
  }

  logFiles(workDir: string) {
    return logFilesIn(workDir);
  }

  outputDir(workDir: string) {
    return path.join(workDir, "work");
  }
}
