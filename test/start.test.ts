import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SAMPLE_QUERY } from "../scripts/sample-query";

/**
 * `npm start` as a new user runs it: build, start every service as its own process on an
 * empty data folder, seed, answer the README's query; Ctrl-C stops everything.
 */
const root = path.join(__dirname, "..");

function portsFrom(base: number) {
  return {
    GATEWAY_PORT: String(base),
    SITES_PORT: String(base + 1),
    DATASETS_PORT: String(base + 2),
    JOBS_PORT: String(base + 3),
    RESEARCH_OBJECTS_PORT: String(base + 4),
    REGISTRY_PORT: String(base + 10),
    IDP_PORT: String(base + 20),
    REGISTRY_URL: `http://127.0.0.1:${base + 10}`,
  };
}

function launch(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(root, "dist", "scripts", "start.js")], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: "", SUPERGRAPH_OUT: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitFor(predicate: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function portIsFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const server = createServer().once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

describe("npm start", () => {
  let dataDir: string;
  let running: ChildProcess | undefined;
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, "scripts", "build.js"), "--quiet"], { cwd: root });
    dataDir = mkdtempSync(path.join(tmpdir(), "gridgraph-start-"));
  });
  afterAll(() => {
    running?.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts every service on an empty data folder, answers the README query, and stops cleanly on Ctrl-C", async () => {
    const base = 21000 + Math.floor(Math.random() * 20000);
    const ports = portsFrom(base);
    const app = launch({ ...ports, GRIDGRAPH_DATA_DIR: dataDir });
    running = app.child;
    await waitFor(() => app.output().includes("gridgraph is up"), 90_000);
    expect(app.output()).toContain(`http://127.0.0.1:${base}/graphql`);
    expect(app.output()).toMatch(/loaded seed data/);

    // As the README does it: a token for alice from the local identity provider.
    const token = execFileSync(process.execPath, [path.join(root, "dist", "scripts", "token.js"), "alice"], {
      env: { ...process.env, IDP_PORT: ports.IDP_PORT },
    })
      .toString()
      .trim();
    const res = await fetch(`http://127.0.0.1:${base}/graphql`, {
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

    app.child.kill("SIGINT");
    expect(await app.exited).toBe(0);
    for (const port of Object.values(ports).filter((p) => /^\d+$/.test(p))) {
      expect(await portIsFree(Number(port))).toBe(true);
    }
  });

  it("fails as a whole, showing the error, when one service cannot start", async () => {
    const base = 21000 + Math.floor(Math.random() * 20000);
    const ports = portsFrom(base);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(base + 2, "127.0.0.1", () => resolve()));
    try {
      const app = launch({ ...ports, GRIDGRAPH_DATA_DIR: dataDir, SEED_ON_EMPTY: "false" });
      running = app.child;
      expect(await app.exited).toBe(1);
      expect(app.output()).toMatch(/datasets stopped unexpectedly/);
      expect(app.output()).toMatch(/EADDRINUSE/);
      for (const port of [base, base + 1, base + 3, base + 4, base + 10])
        expect(await portIsFree(port)).toBe(true);
    } finally {
      blocker.close();
    }
  });
});
