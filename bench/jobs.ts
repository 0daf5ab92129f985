/**
 * `npm run bench` (part 3): jobs, measured side by side in one run.
 *
 *  1. Submit -> RUNNING through gridgraph (gateway, placement as the owner, dispatcher,
 *     slurmrestd) next to a direct `POST /job/submit` to slurmrestd on the same cluster, both
 *     watched the same way (every 20 ms) until Slurm says RUNNING. Goal: overhead under 200 ms
 *     at the median. Needs the cluster of scripts/ci/slurm.sh; skipped, saying so, without it.
 *  2. 1,000 submissions from 20 concurrent clients through the gateway (local executor):
 *     jobs/s and submit latency p50/p95; the local executor's cost per job (sent -> finished)
 *     next to spawning the same /bin/true directly.
 *  3. One reconciliation pass over 1,000 and over 10,000 running jobs: time per pass and SQL
 *     statements per pass (they grow with pages of 500, not with jobs).
 */
import "reflect-metadata";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SignJWT } from "jose";
import { startStack, type Stack } from "../scripts/in-process-stack";
import { Job, JobStatus } from "../subgraphs/jobs/src/entities";
import type { JobsRuntime } from "../subgraphs/jobs/src/runtime";
import {
  lofarAccount,
  serveSaraWithSlurm,
  slurmCluster,
  Slurmrestd,
  type SlurmCluster,
} from "../scripts/slurm-cluster";
import { quantiles, runBenchmark } from "./stats";

const SUBMIT = `mutation($input: SubmitJobInput!) { submitJob(input: $input) { job { id } } }`;
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const shell = (script: string, extra: Record<string, unknown> = {}) => ({
  name: "bench",
  vo: "vo.lofar.eu",
  executable: "/bin/sh",
  arguments: ["-c", script],
  siteId: "SARA-MATRIX",
  wallTimeSeconds: 600,
  cores: 1,
  memoryMb: 100,
  ...extra,
});

async function submit(stack: Stack, input: Record<string, unknown>): Promise<string> {
  const { data, errors } = await stack.query(SUBMIT, { input }, { as: "alice" });
  if (errors) throw new Error(JSON.stringify(errors));
  return data.submitJob.job.id;
}

async function submitToRunningSlurm(stack: Stack, cluster: SlurmCluster) {
  const rest = new Slurmrestd(cluster);
  await rest.start();
  try {
    await serveSaraWithSlurm(stack, cluster, rest.url);
    const account = lofarAccount();
    const key = fs.readFileSync(cluster.jwtKeyFile);
    const token = await new SignJWT({ sun: account })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(key);
    const headers = {
      "x-slurm-user-name": account,
      "x-slurm-user-token": token,
      "content-type": "application/json",
    };
    const runs = Number(process.env.BENCH_SLURM_RUNS ?? 15);
    const direct: number[] = [];
    const viaGraph: number[] = [];
    const answered: number[] = [];
    const sent: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Direct: what a user of slurmrestd does.
      let t = Date.now();
      const body = JSON.stringify({
        script: "#!/bin/sh\nsleep 30\n",
        job: {
          name: `bench-direct-${i}`,
          current_working_directory: cluster.jobDir,
          environment: { PATH: "/usr/bin:/bin" },
          time_limit: 5,
          memory_per_node: 100,
          partition: cluster.partition,
        },
      });
      const submitted = (await (
        await fetch(`${rest.url}/slurm/v0.0.38/job/submit`, { method: "POST", headers, body })
      ).json()) as { job_id: number };
      for (;;) {
        const info = (await (
          await fetch(`${rest.url}/slurm/v0.0.38/job/${submitted.job_id}`, { headers })
        ).json()) as {
          jobs: { job_state: string }[];
        };
        if (info.jobs[0]?.job_state === "RUNNING") break;
        await sleep(20);
      }
      direct.push(Date.now() - t);
      await fetch(`${rest.url}/slurm/v0.0.38/job/${submitted.job_id}`, { method: "DELETE", headers });
      await sleep(1500); // the same quiet cluster for the next one (a cancelled job takes a moment to leave)
      // Through gridgraph: the gateway, placement, the dispatcher, the reconciler.
      t = Date.now();
      const id = await submit(stack, shell("sleep 30"));
      answered.push(Date.now() - t);
      const em = () => stack.em("jobs");
      let atSlurm = false;
      for (;;) {
        const job = await em().findOneOrFail(Job, { id });
        if (!atSlurm && job.backendJobId) {
          atSlurm = true;
          sent.push(Date.now() - t);
        }
        if (job.status === JobStatus.RUNNING) break;
        await sleep(20);
      }
      viaGraph.push(Date.now() - t);
      await stack.query(`mutation($id: ID!) { cancelJob(id: $id) { job { id } } }`, { id }, { as: "alice" });
      await sleep(1500);
    }
    const d = quantiles(direct);
    const g = quantiles(viaGraph);
    console.log(
      `\n1. submit -> RUNNING on Slurm, ${runs} jobs each (median / p95; JOBS_TICK_MS=${stack.jobsSettings.tickMs})`,
    );
    console.log(`   direct POST /job/submit to slurmrestd: ${fmt(d.median)} / ${fmt(d.p95)}`);
    console.log(`   through gridgraph (submitJob):         ${fmt(g.median)} / ${fmt(g.p95)}`);
    console.log(`   overhead at the median: ${fmt(g.median - d.median)} (goal: under 200 ms)`);
    console.log(
      `   of which: submitJob answered after ${fmt(quantiles(answered).median)}, sent to slurmrestd after ${fmt(quantiles(sent).median)} (medians)`,
    );
  } finally {
    stack.jobsSettings.rules.length = 0;
    await rest.stop();
  }
}

async function throughput(stack: Stack) {
  const total = Number(process.env.BENCH_JOBS ?? 1000);
  const clients = 20;
  const latencies: number[] = [];
  const ids: string[] = [];
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        next++;
        const t = Date.now();
        ids.push(await submit(stack, { ...shell("true"), executable: "/bin/true", arguments: [] }));
        latencies.push(Date.now() - t);
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const q = quantiles(latencies);
  const runtime = stack.subgraphs.jobs.runtime as JobsRuntime;
  for (;;) {
    const left = await stack
      .em("jobs")
      .count(Job, { id: { $in: ids }, status: { $nin: [JobStatus.COMPLETED, JobStatus.FAILED] } });
    if (!left) break;
    await sleep(200);
  }
  // The local executor's cost per job: from the runner's start to its last word, next to /bin/true itself.
  const costs: number[] = [];
  for (const id of ids.slice(0, 200)) {
    const dir = path.join(stack.jobsSettings.workRoot, `${id}.0`);
    const sent = Date.parse(fs.readFileSync(path.join(dir, "submitted-at"), "utf8"));
    const state = JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8")) as { finishedAt: string };
    costs.push(Date.parse(state.finishedAt) - sent);
  }
  const bare: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = Date.now();
    await new Promise((resolve) => spawn("/bin/true").on("exit", resolve));
    bare.push(Date.now() - t);
  }
  const c = quantiles(costs);
  const b = quantiles(bare);
  console.log(
    `\n2. ${total} submissions from ${clients} concurrent clients through the gateway (local executor)`,
  );
  console.log(
    `   ${(total / seconds).toFixed(1)} jobs/s accepted; submitJob latency ${fmt(q.median)} / p95 ${fmt(q.p95)}`,
  );
  console.log(`   backend submissions counted: ${runtime.dispatcher.submissions} for ${total} jobs`);
  console.log(
    `   local executor, sent -> finished: ${fmt(c.median)} / p95 ${fmt(c.p95)}; spawning /bin/true directly: ${fmt(b.median)} / p95 ${fmt(b.p95)}`,
  );
}

async function reconciliation(stack: Stack) {
  const runtime = stack.subgraphs.jobs.runtime as JobsRuntime;
  console.log("\n3. one reconciliation pass over running jobs (local executor, nothing changed)");
  for (const count of [1000, 10_000]) {
    await stack.em("jobs").nativeDelete(Job, { name: "reconcile-bench" });
    const root = path.join(stack.jobsSettings.workRoot, `reconcile-${count}`);
    const rows = [];
    for (let i = 0; i < count; i++) {
      const dir = path.join(root, String(i));
      fs.mkdirSync(dir, { recursive: true });
      // The runner's own record of a running job, with this process as the (live) runner.
      fs.writeFileSync(
        path.join(dir, "state.json"),
        JSON.stringify({ state: "RUNNING", runnerPid: process.pid, pid: process.pid }),
      );
      rows.push({
        id: `reconcile-${count}-${String(i).padStart(6, "0")}`,
        name: "reconcile-bench",
        owner: "bench@egi.eu",
        vo: "vo.lofar.eu",
        executable: "/bin/true",
        status: JobStatus.RUNNING,
        nativeState: "RUNNING",
        managed: true,
        backend: "local",
        backendJobId: `${i}`,
        workDir: dir,
        siteId: "SARA-MATRIX",
      });
    }
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = stack.em("jobs");
      for (const row of rows.slice(i, i + 1000)) batch.create(Job, row);
      await batch.flush();
    }
    const db = stack.subgraphs.jobs.db;
    db.queries.reset();
    const t = Date.now();
    await runtime.dispatcher.pass();
    const ms = Date.now() - t;
    console.log(`   ${count} jobs: ${fmt(ms)} per pass, ${db.queries.count} SQL statements`);
  }
}

async function main() {
  console.log("\njobs: starting the graph in-process with the seed data...");
  const stack = await startStack({
    seed: true,
    jobs: { tickMs: Number(process.env.JOBS_TICK_MS ?? 100), quotaPerUser: 1_000_000, quotaPerVo: 1_000_000 },
  });
  try {
    const cluster = slurmCluster();
    if (typeof cluster === "string") console.log(`\n1. submit -> RUNNING on Slurm: skipped (${cluster})`);
    else await submitToRunningSlurm(stack, cluster);
    await throughput(stack);
    // The dispatcher's own passes would mix with the one measured: stopped, passes run by hand.
    await (stack.subgraphs.jobs.runtime as JobsRuntime).dispatcher.stop();
    await reconciliation(stack);
  } finally {
    await stack.stop();
  }
}

runBenchmark(main);
