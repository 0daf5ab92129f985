import fs from "node:fs";
import path from "node:path";
import type { DispatchRequest } from "./backend";

/**
 * An attempt's directory, the same for every backend (on a filesystem the jobs service and
 * the batch system share): job.json, stdout, stderr, inputs.json, and work/ where the job
 * runs, with its inputs linked in and its outputs left behind.
 */
export function prepareWorkDir(root: string, request: DispatchRequest, stdoutLimitBytes: number): string {
  const dir = path.join(root, request.token);
  const work = path.join(dir, "work");
  fs.mkdirSync(work, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "job.json"),
    JSON.stringify({
      jobId: request.jobId,
      executable: request.executable,
      arguments: request.arguments,
      environment: request.environment,
      wallTimeSeconds: request.wallTimeSeconds,
      memoryMb: request.memoryMb,
      stdoutLimitBytes,
    }),
  );
  const linked = new Set<string>();
  for (const input of request.inputs) {
    if (!input.localPath) continue;
    let name = path.basename(input.lfn) || input.datasetId;
    while (linked.has(name)) name = `${input.datasetId}-${name}`;
    linked.add(name);
    const target = path.join(work, name);
    fs.rmSync(target, { force: true });
    fs.symlinkSync(input.localPath, target);
  }
  fs.writeFileSync(path.join(work, "inputs.json"), JSON.stringify(request.inputs, null, 2));
  fs.chmodSync(dir, 0o777);
  fs.chmodSync(work, 0o777);
  return dir;
}

export const logFilesIn = (dir: string) => ({
  stdout: path.join(dir, "stdout"),
  stderr: path.join(dir, "stderr"),
});

/** Is this process alive? PID 1 here may not reap orphans: a zombie counts as gone. */
export function processAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

/**
 * A file shipped with the sources (the local runner, the notebook tools), found from the
 * repository root: the same path from src/ under jest and from dist/ when built.
 */
export function repositoryPath(...parts: string[]): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error("cannot find the repository root");
    dir = up;
  }
  return path.join(dir, ...parts);
}
