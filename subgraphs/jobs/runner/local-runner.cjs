#!/usr/bin/env node
/**
 * The local executor's supervised runner: one per job attempt, started detached by the jobs
 * service (subgraphs/jobs/src/execution/local-executor.ts) so that the job outlives a restart
 * of the service. Plain JavaScript with no dependencies on purpose: it runs without the build,
 * and nothing the service loads can break a running job.
 *
 *   node local-runner.cjs <job directory>
 *
 * Reads <dir>/job.json ({ executable, arguments, environment, wallTimeSeconds, memoryMb,
 * stdoutLimitBytes }), runs the executable in <dir>/work, and keeps <dir>/state.json true,
 * always replaced atomically (write to a temporary file, then rename):
 *   { state: "RUNNING", runnerPid, pid, startedAt }
 *   { state: "COMPLETED" | "FAILED" | "CANCELLED", exitCode, signal, reason, startedAt, finishedAt }
 * Wall time: SIGTERM to the job's process group at the limit, SIGKILL 5 s later, state FAILED
 * with reason WALLTIME. Memory: the address-space limit (prlimit --as) where prlimit exists.
 * stdout/stderr: at most stdoutLimitBytes each are kept; the rest is dropped with a note.
 * SIGTERM to the runner cancels the job.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawn, spawnSync } = require("node:child_process");

const dir = path.resolve(process.argv[2] || ".");
const job = JSON.parse(fs.readFileSync(path.join(dir, "job.json"), "utf8"));
const workDir = path.join(dir, "work");
const startedAt = new Date().toISOString();

function writeState(state) {
  const file = path.join(dir, "state.json");
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}

function hasPrlimit() {
  try {
    return spawnSync("prlimit", ["--version"], { stdio: "ignore" }).status === 0;
  } catch {
    return false;
  }
}

/** Copies a stream into a file up to `limit` bytes; what is beyond is counted, not kept. */
function capped(stream, file, limit) {
  const out = fs.openSync(file, "a");
  let written = 0;
  let dropped = 0;
  stream.on("data", (chunk) => {
    const room = Math.max(0, limit - written);
    if (room > 0) {
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      fs.writeSync(out, part);
      written += part.length;
    }
    dropped += Math.max(0, chunk.length - room);
  });
  return new Promise((resolve) =>
    stream.on("close", () => {
      if (dropped > 0)
        fs.writeSync(
          out,
          `\n[gridgraph: output truncated at ${limit} bytes; ${dropped} more bytes were dropped]\n`,
        );
      fs.closeSync(out);
      resolve();
    }),
  );
}

// Cancelled before this runner got going (the service wrote the last word already): nothing to run.
try {
  const earlier = JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8"));
  if (earlier.state !== "RUNNING") process.exit(0);
} catch {
  /* no state yet: the usual case */
}

fs.mkdirSync(workDir, { recursive: true });
const env = {
  PATH: "/usr/local/bin:/usr/bin:/bin",
  HOME: workDir,
  TMPDIR: workDir,
  LANG: "C.UTF-8",
  ...job.environment,
  GRIDGRAPH_JOB_ID: job.jobId,
  GRIDGRAPH_JOB_DIR: workDir,
};
const limitBytes = job.memoryMb * 1024 * 1024;
const [command, args] = hasPrlimit()
  ? ["prlimit", [`--as=${limitBytes}`, "--", job.executable, ...job.arguments]]
  : [job.executable, job.arguments];
const child = spawn(command, args, {
  cwd: workDir,
  env,
  detached: true, // its own process group: the wall-time and cancel signals reach every child
  stdio: ["ignore", "pipe", "pipe"],
});

let reason = null;
let killTimer = null;
function stopJob(why) {
  if (reason) return;
  reason = why;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    /* already gone */
  }
  killTimer = setTimeout(() => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }, 5000);
}

child.on("error", (error) => {
  fs.appendFileSync(
    path.join(dir, "stderr"),
    `[gridgraph: could not start ${job.executable}: ${error.message}]\n`,
  );
  writeState({
    state: "FAILED",
    exitCode: 127,
    signal: null,
    reason: `The executable could not be started: ${error.message}`,
    startedAt,
    finishedAt: new Date().toISOString(),
  });
  process.exit(0);
});

if (child.pid) {
  writeState({ state: "RUNNING", runnerPid: process.pid, pid: child.pid, startedAt });
  const wall = setTimeout(() => stopJob("WALLTIME"), job.wallTimeSeconds * 1000);
  process.on("SIGTERM", () => stopJob("CANCELLED"));
  process.on("SIGINT", () => stopJob("CANCELLED"));
  const limit = job.stdoutLimitBytes;
  const copied = Promise.all([
    capped(child.stdout, path.join(dir, "stdout"), limit),
    capped(child.stderr, path.join(dir, "stderr"), limit),
  ]);
  child.on("exit", async (code, signal) => {
    clearTimeout(wall);
    if (killTimer) clearTimeout(killTimer);
    await copied;
    const exitCode = code ?? 128 + (signal ? require("node:os").constants.signals[signal] || 0 : 0);
    const state =
      reason === "CANCELLED" ? "CANCELLED" : reason === null && code === 0 ? "COMPLETED" : "FAILED";
    writeState({
      state,
      exitCode,
      signal: signal || null,
      reason:
        reason === "WALLTIME"
          ? `Wall time of ${job.wallTimeSeconds} s exceeded: stopped.`
          : reason === "CANCELLED"
            ? "Cancelled."
            : signal
              ? `Ended by signal ${signal}.`
              : code === 0
                ? null
                : `Exited with code ${code}.`,
      wallTimeExceeded: reason === "WALLTIME",
      startedAt,
      finishedAt: new Date().toISOString(),
    });
    process.exit(0);
  });
}
