import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import type { Stack } from "./in-process-stack";
import { freePorts } from "./ports";

/**
 * The single-node Slurm cluster that scripts/ci/slurm.sh starts (CI runs it; by hand:
 * `scripts/ci/slurm.sh` after installing Debian's Slurm). Tests start their own slurmrestd on
 * a free port, so they can stop it and start it again.
 */
const ENV_FILE = process.env.GRIDGRAPH_SLURM_ENV ?? "/var/tmp/gridgraph-slurm/slurm.env";

export interface SlurmCluster {
  conf: string;
  jwtKeyFile: string;
  jobDir: string;
  partition: string;
}

/** The cluster, or why there is none (the Slurm tests skip, saying so). */
export function slurmCluster(): SlurmCluster | string {
  if (!existsSync(ENV_FILE)) return `no ${ENV_FILE} (run scripts/ci/slurm.sh)`;
  const env = Object.fromEntries(
    readFileSync(ENV_FILE, "utf8")
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  const ping = spawnSync("scontrol", ["ping"], {
    env: { ...process.env, SLURM_CONF: env.SLURM_CONF },
    encoding: "utf8",
  });
  if (ping.status !== 0 || !/is UP/.test(ping.stdout ?? ""))
    return `slurmctld does not answer (${(ping.stdout || ping.stderr || "").trim()})`;
  return {
    conf: env.SLURM_CONF,
    jwtKeyFile: env.SLURM_JWT_KEY,
    jobDir: env.SLURM_JOB_DIR,
    partition: env.SLURM_PARTITION,
  };
}

/** The node's memory as Slurm counts it (MB): a job asking for nearly all of it keeps others waiting. */
export function nodeMemoryMb(cluster: SlurmCluster): number {
  const out = spawnSync("sinfo", ["-h", "-o", "%m"], {
    env: { ...process.env, SLURM_CONF: cluster.conf },
    encoding: "utf8",
  });
  return Number.parseInt(out.stdout.trim(), 10);
}

/** A Unix account the cluster can run jobs as: `lofar` where it exists (CI makes it), else root. */
export function lofarAccount(): string {
  return spawnSync("id", ["-u", "lofar"]).status === 0 ? "lofar" : "root";
}

/**
 * Stops slurmctld and starts it again from its saved state (StateSaveLocation): what a
 * controller restart or fail-over does to running jobs. slurmd and the jobs it runs go on.
 */
export async function restartSlurmctld(cluster: SlurmCluster, downMs: number) {
  const env = { ...process.env, SLURM_CONF: cluster.conf };
  spawnSync("pkill", ["-x", "slurmctld"]);
  for (let i = 0; i < 50 && spawnSync("pgrep", ["-x", "slurmctld"]).status === 0; i++) {
    // A killed daemon may linger as a zombie here (PID 1 reaps no orphans): check its state.
    const ps = spawnSync("ps", ["-C", "slurmctld", "-o", "stat="], { encoding: "utf8" }).stdout.trim();
    if (!ps || ps.split("\n").every((stat) => stat.startsWith("Z"))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, downMs));
  const started = spawnSync("/usr/sbin/slurmctld", [], { env, encoding: "utf8" });
  if (started.status !== 0) throw new Error(`slurmctld did not start again: ${started.stderr}`);
  for (let i = 0; i < 100; i++) {
    const ping = spawnSync("scontrol", ["ping"], { env, encoding: "utf8" });
    if (/is UP/.test(ping.stdout ?? "")) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("slurmctld did not answer after its restart");
}

/**
 * SARA-MATRIX's compute endpoints served by this cluster: the endpoint rules an operator would
 * write in JOB_BACKENDS, added to a running stack's jobs settings (tests and benchmarks).
 */
export async function serveSaraWithSlurm(stack: Stack, cluster: SlurmCluster, restUrl: string) {
  const { data } = await stack.query(`{ site(id: "SARA-MATRIX") { computeEndpoints { url } } }`);
  for (const { url } of data.site.computeEndpoints as { url: string }[])
    stack.jobsSettings.rules.push({
      endpoint: url,
      type: "slurm",
      url: restUrl,
      jobDir: cluster.jobDir,
      jwtKeyFile: cluster.jwtKeyFile,
      partition: cluster.partition,
      accounts: { "vo.lofar.eu": lofarAccount() },
    });
}

export class Slurmrestd {
  private child?: ChildProcess;
  url = "";
  private port = 0;

  constructor(private readonly cluster: SlurmCluster) {}

  async start() {
    if (!this.port) [this.port] = await freePorts(1);
    this.url = `http://127.0.0.1:${this.port}`;
    this.child = spawn(
      "slurmrestd",
      ["-a", "rest_auth/jwt", "-s", "openapi/v0.0.38", `127.0.0.1:${this.port}`],
      {
        env: {
          ...process.env,
          SLURM_CONF: this.cluster.conf,
          SLURM_JWT: "daemon",
          SLURMRESTD_SECURITY: "disable_user_check",
        },
        stdio: "ignore",
      },
    );
    for (let i = 0; i < 100; i++) {
      const up = await fetch(`${this.url}/openapi/v3`).then(
        (r) => r.status < 500,
        () => false,
      );
      if (up) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("slurmrestd did not start");
  }

  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}
