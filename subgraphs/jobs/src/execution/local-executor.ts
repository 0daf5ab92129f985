import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { JobStatus } from "../entities";
import {
  BackendRefused,
  type DispatchRequest,
  type ExecutionBackend,
  type Observation,
  type Submitted,
} from "./backend";
import { logFilesIn, prepareWorkDir, processAlive, repositoryPath } from "./work-dir";

/** The runner is plain JavaScript next to the sources (see its header). */
const runnerPath = () => repositoryPath("subgraphs", "jobs", "runner", "local-runner.cjs");

interface RunnerState {
  state: "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED";
  runnerPid?: number;
  pid?: number;
  exitCode?: number | null;
  signal?: string | null;
  reason?: string | null;
  wallTimeExceeded?: boolean;
  startedAt?: string;
  finishedAt?: string;
}

/** How long a runner may take to write its first state before the attempt counts as lost. */
const START_GRACE_MS = 30_000;

/**
 * The embedded default backend: each attempt runs under its own supervised runner process
 * (runner/local-runner.cjs), detached from the jobs service so a restart of the service loses
 * no job; the runner's state.json is what the service reads back. Jobs run as the service's
 * own user: the account mapping is recorded, not enforced, on this backend.
 */
export class LocalExecutor implements ExecutionBackend {
  readonly kind = "local";

  constructor(private readonly options: { workRoot: string; stdoutLimitBytes: number }) {}

  describe() {
    return `the local executor (${this.options.workRoot})`;
  }

  async submit(request: DispatchRequest): Promise<Submitted> {
    if (request.hold) throw new BackendRefused("The local executor cannot start a job held.");
    const dir = prepareWorkDir(this.options.workRoot, request, this.options.stdoutLimitBytes);
    fs.writeFileSync(path.join(dir, "submitted-at"), new Date().toISOString());
    const runner = spawn(process.execPath, [runnerPath(), dir], { detached: true, stdio: "ignore" });
    runner.unref();
    return {
      backendJobId: request.token,
      workDir: dir,
      observation: { status: JobStatus.QUEUED, nativeState: "STARTING", reason: "The runner is starting." },
    };
  }

  async find(token: string): Promise<Submitted | null> {
    const dir = path.join(this.options.workRoot, token);
    if (!fs.existsSync(path.join(dir, "submitted-at"))) return null;
    const observation = this.observeOne(dir);
    if (observation === "lost") return null;
    return { backendJobId: token, workDir: dir, observation };
  }

  async observe(jobs: { backendJobId: string; workDir: string }[]) {
    const result = new Map<string, Observation | "lost">();
    for (const job of jobs) result.set(job.backendJobId, this.observeOne(job.workDir));
    return result;
  }

  private readState(dir: string): RunnerState | null {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8")) as RunnerState;
    } catch {
      return null;
    }
  }

  private observeOne(dir: string): Observation | "lost" {
    const state = this.readState(dir);
    if (!state) {
      let submittedAt = 0;
      try {
        submittedAt = Date.parse(fs.readFileSync(path.join(dir, "submitted-at"), "utf8"));
      } catch {
        return "lost";
      }
      return Date.now() - submittedAt < START_GRACE_MS
        ? { status: JobStatus.QUEUED, nativeState: "STARTING" }
        : "lost";
    }
    const times = {
      startedAt: state.startedAt ? new Date(state.startedAt) : null,
      finishedAt: state.finishedAt ? new Date(state.finishedAt) : null,
    };
    if (state.state === "RUNNING") {
      if (!state.runnerPid || !processAlive(state.runnerPid)) {
        // The runner is gone without a last word: its job may still be running, orphaned.
        if (state.pid && processAlive(state.pid)) {
          try {
            process.kill(-state.pid, "SIGKILL");
          } catch {
            /* already gone */
          }
        }
        return "lost";
      }
      return { status: JobStatus.RUNNING, nativeState: "RUNNING", ...times };
    }
    const status =
      state.state === "COMPLETED"
        ? JobStatus.COMPLETED
        : state.state === "CANCELLED"
          ? JobStatus.CANCELLED
          : JobStatus.FAILED;
    return {
      status,
      nativeState: state.wallTimeExceeded ? "TIMEOUT" : state.state,
      reason: state.reason ?? null,
      exitCode: state.exitCode ?? null,
      ...times,
    };
  }

  async cancel(backendJobId: string) {
    const dir = path.join(this.options.workRoot, backendJobId);
    const state = this.readState(dir);
    if (state?.state === "RUNNING" && state.runnerPid && processAlive(state.runnerPid))
      process.kill(state.runnerPid, "SIGTERM");
    else if (!state) fs.writeFileSync(path.join(dir, "state.json"), JSON.stringify(cancelledBeforeStart()));
  }

  async hold(): Promise<void> {
    throw new BackendRefused(
      "The local executor starts jobs at once: a job it runs cannot be held; cancel it.",
    );
  }

  async release(): Promise<void> {
    throw new BackendRefused("The local executor holds no jobs.");
  }

  logFiles(workDir: string) {
    return logFilesIn(workDir);
  }

  outputDir(workDir: string) {
    return path.join(workDir, "work");
  }
}

const cancelledBeforeStart = (): RunnerState => ({
  state: "CANCELLED",
  reason: "Cancelled before it started.",
  finishedAt: new Date().toISOString(),
});
