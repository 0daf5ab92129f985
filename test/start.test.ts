import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SAMPLE_QUERY } from "../scripts/sample-query";
import { choosePorts, killGroup, launch, launched, pidOf, waitForOutput } from "./support/npm-start";

/**
 * `npm start` as a new user runs it: build, start every service as its own process on an
 * empty data folder, seed, answer the README's query; Ctrl-C stops everything.
 */
const root = path.join(__dirname, "..");

/** Processes of process group `pgid` that still run (not zombies), as "pid command". */
function aliveInGroup(pgid: number): string[] {
  const alive: string[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    const close = stat.lastIndexOf(")");
    const [state, , pgrp] = stat.slice(close + 2).split(" ");
    if (Number(pgrp) === pgid && state !== "Z")
      alive.push(`${pid} ${stat.slice(stat.indexOf("(") + 1, close)}`);
  }
  return alive;
}

/** What still runs of the group once it had time to die (a SIGKILL'd child takes a moment). */
async function settledGroup(pgid: number): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  while (aliveInGroup(pgid).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  return aliveInGroup(pgid);
}

// Starting seven processes on a busy 2-core machine can take minutes; the test waits for the
// output, and jest's limit is only the last resort.
jest.setTimeout(600_000);

describe("npm start", () => {
  let dataDir: string;
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, "scripts", "build.js"), "--quiet"], { cwd: root });
    dataDir = mkdtempSync(path.join(tmpdir(), "gridgraph-start-"));
  });
  afterAll(() => {
    launched.forEach(killGroup);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts every service on an empty data folder, answers the README query, survives a stopped and a killed service, and stops cleanly on Ctrl-C", async () => {
    const ports = await choosePorts();
    const gateway = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;
    // A short deadline for subgraph fetches, so the stopped service below is given up soon.
    const app = launch({ ...ports, GRIDGRAPH_DATA_DIR: dataDir, SUBGRAPH_TIMEOUT_MS: "2000" });
    await waitForOutput(app, "gridgraph is up");
    expect(app.output()).toContain(gateway);
    expect(app.output()).toMatch(/loaded seed data/);

    // As the README does it: a token for alice from the local identity provider.
    const token = execFileSync(process.execPath, [path.join(root, "dist", "scripts", "token.js"), "alice"], {
      env: { ...process.env, IDP_PORT: ports.IDP_PORT },
    })
      .toString()
      .trim();
    const res = await fetch(gateway, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: SAMPLE_QUERY }),
    });
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.dataset.title).toContain("ELAIS-N1");
    expect(body.data.dataset.replicas.length).toBeGreaterThan(0);
    expect(body.data.dataset.consumedBy.totalCount).toBeGreaterThan(0);
    expect(body.data.dataset.researchObjects.edges[0].node.doi).toMatch(/^10\.5072\//);
    // The README shows this query and this very answer.
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    expect(readme).toContain(SAMPLE_QUERY);
    const shown = /Real output on the seed data:\s*```json\n([\s\S]*?)\n```/.exec(readme);
    expect(JSON.parse(shown![1])).toEqual(body);

    // The registry's CLI finds the running registry and its operator secret on its own.
    const registryCli = (...args: string[]) =>
      execFileSync(process.execPath, [path.join(root, "dist", "scripts", "registry.js"), ...args], {
        env: { ...process.env, REGISTRY_PORT: ports.REGISTRY_PORT, GRIDGRAPH_DATA_DIR: dataDir },
      }).toString();
    expect(registryCli("list")).toMatch(
      /^ {3}1 {2}[0-9a-f]{16} .* publish \S+ \(by subgraph:\S+\)\n\s+datasets@\d+ {2}jobs@\d+ {2}research-objects@\d+ {2}sites@\d+/,
    );
    expect(registryCli("diff", "1", "1")).toContain("no change for clients");
    expect(registryCli("rollback", "1")).toMatch(/already what is live/);

    // A service that stops answering (SIGSTOP) costs its own fields, within the deadline.
    const ask = async () => {
      const answer = await fetch(gateway, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `{ dataset(id: "lofar-L650628-L2") { id consumedBy { totalCount } } }`,
        }),
      });
      return (await answer.json()) as any;
    };
    const jobs = pidOf(app, "jobs");
    process.kill(jobs, "SIGSTOP");
    try {
      const stopped = await ask();
      expect(stopped.data.dataset).toEqual({ id: "lofar-L650628-L2", consumedBy: null });
      expect(stopped.errors[0]).toMatchObject({ extensions: { code: "SUBGRAPH_UNAVAILABLE" } });
      expect(stopped.errors[0].message).toMatch(
        /jobs service is unavailable \(it did not answer within 2 s\)/,
      );
    } finally {
      process.kill(jobs, "SIGCONT");
    }
    // A job running on the local executor while the jobs service is killed (SIGKILL): its
    // runner goes on, and the service started again finds how it ended, with every event.
    const graph = async (query: string, variables: Record<string, unknown> = {}) =>
      (await (
        await fetch(gateway, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as any;
    const submitted = await graph(
      `mutation { submitJob(input: { name: "survivor", vo: "vo.lofar.eu", executable: "/bin/sh",
        arguments: ["-c", "sleep 3; echo survived"], siteId: "SARA-MATRIX" }) { job { id } } }`,
    );
    expect(submitted.errors).toBeUndefined();
    const jobId = submitted.data.submitJob.job.id;
    const jobNow = async () =>
      (
        await graph(
          `query($id: ID!) { job(id: $id) { status exitCode stdout { text } events { status } } }`,
          { id: jobId },
        )
      ).data?.job;
    while ((await jobNow())?.status !== "RUNNING") await new Promise((r) => setTimeout(r, 200));
    // A service that dies is started again; the others never stopped serving.
    process.kill(pidOf(app, "jobs"), "SIGKILL");
    await waitForOutput(app, "[start] jobs exited");
    const during = await ask();
    expect(during.data.dataset.id).toBe("lofar-L650628-L2");
    let back: any;
    do {
      await new Promise((r) => setTimeout(r, 500));
      back = await ask();
    } while (back.errors);
    expect(back.data.dataset.consumedBy.totalCount).toBeGreaterThan(0);
    expect(pidOf(app, "jobs")).not.toBe(jobs);
    let survivor = await jobNow();
    while (!["COMPLETED", "FAILED", "CANCELLED"].includes(survivor?.status)) {
      await new Promise((r) => setTimeout(r, 300));
      survivor = await jobNow();
    }
    expect(survivor).toMatchObject({ status: "COMPLETED", exitCode: 0, stdout: { text: "survived\n" } });
    expect(survivor.events.map((e: any) => e.status)).toEqual([
      "SUBMITTED",
      "SUBMITTED",
      "SUBMITTED",
      "QUEUED",
      "RUNNING",
      "COMPLETED",
    ]);

    app.child.kill("SIGINT");
    expect(await app.exited).toBe(0);
    // Every process it started is gone (zombies aside: PID 1 here reaps no orphans). Ports are
    // not checked: other test files bind ports of the same range at the same time.
    expect(await settledGroup(app.child.pid!)).toEqual([]);
  });

  it("fails as a whole, showing the error, when one service cannot start", async () => {
    const ports = await choosePorts();
    const blocker = createServer();
    await new Promise<void>((resolve) =>
      blocker.listen(Number(ports.DATASETS_PORT), "127.0.0.1", () => resolve()),
    );
    try {
      const app = launch({ ...ports, GRIDGRAPH_DATA_DIR: dataDir, SEED_ON_EMPTY: "false" });
      expect(await app.exited).toBe(1);
      expect(app.output()).toMatch(/datasets stopped unexpectedly/);
      expect(app.output()).toMatch(/EADDRINUSE/);
      expect(await settledGroup(app.child.pid!)).toEqual([]);
    } finally {
      blocker.close();
    }
  });
});
