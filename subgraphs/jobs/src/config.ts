import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigReader, type GatewayClient } from "@gridgraph/kit";
import { ruleProblems, type BackendRule } from "./execution/backends";

/** How the jobs service runs jobs; read once at start (README: configuration). */
export interface JobsSettings {
  /**
   * How the service asks the graph as a job's owner (decision 0015); unset: from
   * JOBS_DELEGATION_PRIVATE_JWK and JOBS_GATEWAY_URL (the kit's gatewayClientFromEnv).
   */
  gateway?: GatewayClient;
  rules: BackendRule[];
  defaultBackend: "local" | "none";
  /** Where attempts' directories go for the local executor. */
  workRoot: string;
  /** This machine's view of the sites' storage: <storageRoot>/<site>/<host>/<path>. */
  storageRoot: string;
  tickMs: number;
  maxReschedules: number;
  stdoutLimitBytes: number;
  tailBytes: number;
  quotaPerVo: number;
  quotaPerUser: number;
  /** The python3 that runs notebooks (with nbclient and ipykernel: Debian's, not a virtualenv's). */
  notebookPython: string;
}

export function readJobsSettings(env = process.env): JobsSettings {
  const config = new ConfigReader("jobs", env);
  let rules: unknown = config.json<unknown>("JOB_BACKENDS", "a JSON array of backend rules") ?? [];
  const file = config.raw("JOB_BACKENDS_FILE");
  if (file) {
    try {
      rules = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
      config.problem(`JOB_BACKENDS_FILE ${file} cannot be read as JSON: ${(error as Error).message}`);
    }
  }
  for (const problem of ruleProblems(rules)) config.problem(problem);
  const defaultBackend = config.string("JOB_BACKEND_DEFAULT", "local");
  if (defaultBackend !== "local" && defaultBackend !== "none")
    config.problem(`JOB_BACKEND_DEFAULT must be local or none; got '${defaultBackend}'`);
  const dataDir = config.string("GRIDGRAPH_DATA_DIR", ".data");
  const base = dataDir === "memory" ? path.join(os.tmpdir(), `gridgraph-${process.pid}`) : dataDir;
  const settings: JobsSettings = {
    rules: Array.isArray(rules) ? (rules as BackendRule[]) : [],
    defaultBackend: defaultBackend === "none" ? "none" : "local",
    workRoot: path.resolve(config.string("JOBS_WORK_DIR", path.join(base, "jobs"))),
    storageRoot: path.resolve(config.string("JOBS_STORAGE_DIR", path.join(base, "storage"))),
    tickMs: config.integer("JOBS_TICK_MS", 1000, [50, 3_600_000]),
    maxReschedules: config.integer("JOBS_MAX_RESCHEDULES", 3, [0, 100]),
    stdoutLimitBytes: config.integer("JOBS_STDOUT_LIMIT_BYTES", 10 * 1024 * 1024, [1024, 2 ** 40]),
    tailBytes: config.integer("JOBS_LOG_TAIL_BYTES", 64 * 1024, [256, 16 * 1024 * 1024]),
    quotaPerVo: config.integer("JOBS_QUOTA_PER_VO", 5000, [1, 10_000_000]),
    quotaPerUser: config.integer("JOBS_QUOTA_PER_USER", 1000, [1, 10_000_000]),
    notebookPython: config.string("NOTEBOOK_PYTHON", "/usr/bin/python3"),
  };
  config.done();
  return settings;
}
