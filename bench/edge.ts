/**
 * `npm run bench:edge` (also the last part of `npm run bench`): the gateway side by side, in
 * one run, alternating, on the same running subgraphs and the same queries:
 *   - our gateway (with its limits on; the rate limit raised so the load is not refused),
 *   - Hive Gateway (@graphql-hive/gateway, a devDependency of this benchmark only) serving the
 *     supergraph our registry composed,
 *   - a direct call of the subgraph that owns the root field: the physical limit.
 * Every target is a process of its own, so its resident memory is its own. Reports requests/s,
 * p50/p95/p99 and the peak RSS of each gateway. Anonymous requests on both gateways (Hive
 * Gateway does not sign our identity assertions).
 *
 * Then a subgraph alone: a 10-row `datasets` page from the datasets subgraph on PGlite and on
 * PostgreSQL, next to its floor in the same run: the same rows read with plain `pg` and
 * returned as JSON by `node:http` (both in this process, under the same load).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, createServer as createHttpServer, request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, Pool } from "pg";
import {
  AssertionVerifier,
  createLogger,
  generateAssertionKeys,
  startSubgraph,
  type DatabaseLocation,
} from "@gridgraph/kit";
import { generateCredentials } from "../registry/src/access";
import { subgraphSecretVariable } from "../registry/src/config";
import { freePorts } from "../scripts/ports";
import { EXPECTED_SUBGRAPHS } from "../registry/src/server";
import { seedDatasets } from "../seeds/datasets";
import { datasetsSubgraph } from "../subgraphs/datasets/src/schema";

const root = path.resolve(__dirname, "..", "..");
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const QUERIES: { name: string; query: string; direct?: { service: string; query: string } }[] = [
  {
    name: "README query",
    query: readFileSync(path.join(root, "scripts", "sample-query.ts"), "utf8").match(/`([\s\S]*?)`/)![1],
  },
  {
    name: "placement",
    query: `{ placement(first: 5, requirements: { vo: "vo.lofar.eu", cores: 16, memoryMb: 65536, wallTimeSeconds: 129600 }) {
      evaluatedSites candidates { rank score site { id } } } }`,
    direct: {
      service: "sites",
      query: `{ placement(first: 5, requirements: { vo: "vo.lofar.eu", cores: 16, memoryMb: 65536, wallTimeSeconds: 129600 }) {
        evaluatedSites candidates { rank score site { id } } } }`,
    },
  },
  {
    name: "50 datasets with sites and jobs",
    query: `{ datasets(first: 50) { edges { node { id title level replicas { state site { id country } } consumedBy { totalCount } } } } }`,
    direct: {
      service: "datasets",
      query: `{ datasets(first: 50) { edges { node { id title level replicas { state site { id } } } } } }`,
    },
  },
];

function launch(command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return { child, output: () => output };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not ready in time`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** CONNECTIONS loops sending the same POST for SECONDS; every latency recorded. */
async function load(url: string, query: string, pid?: number) {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const body = JSON.stringify({ query });
  const latencies: number[] = [];
  let errors = 0;
  let peakRss = 0;
  const sampler = pid ? setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 200) : undefined;
  const end = Date.now() + SECONDS * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = process.hrtime.bigint();
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          let text = "";
          res.on("data", (c) => (text += c));
          res.on("end", () => {
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            if (res.statusCode !== 200 || text.includes('"errors"')) errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) await one();
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  if (sampler) clearInterval(sampler);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { rps: latencies.length / elapsed, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors, peakRss };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "gridgraph-bench-edge-"));
  const [gw, sites, datasets, jobs, ros, registry, idp, hive] = await freePorts(8);
  const credentials = generateCredentials(EXPECTED_SUBGRAPHS);
  const secrets = Object.fromEntries(
    EXPECTED_SUBGRAPHS.map((name) => [subgraphSecretVariable(name), credentials.subgraphs[name]]),
  );
  const ports = {
    GATEWAY_PORT: String(gw),
    SITES_PORT: String(sites),
    DATASETS_PORT: String(datasets),
    JOBS_PORT: String(jobs),
    RESEARCH_OBJECTS_PORT: String(ros),
    REGISTRY_PORT: String(registry),
    IDP_PORT: String(idp),
  };
  console.log("starting the graph (npm start's processes) on fresh embedded databases...");
  const graph = launch(process.execPath, [path.join(root, "dist", "scripts", "start.js")], {
    ...ports,
    ...secrets,
    REGISTRY_GATEWAY_SECRET: credentials.gateway,
    GRIDGRAPH_DATA_DIR: dataDir,
    SUPERGRAPH_OUT: "",
    LOG_LEVEL: "warn",
    GATEWAY_RATE_LIMIT_REQUESTS: "100000000",
  });
  let hiveGateway: ReturnType<typeof launch> | undefined;
  try {
    await until("gridgraph", () => graph.output().includes("gridgraph is up"));
    const gatewayPid = Number(/\[start\] gateway started \(pid (\d+)\)/.exec(graph.output())![1]);
    const supergraph = (await (
      await fetch(`http://127.0.0.1:${registry}/supergraph`, {
        headers: { authorization: `Bearer ${credentials.gateway}` },
      })
    ).json()) as { sdl: string };
    const file = path.join(dataDir, "supergraph.graphql");
    writeFileSync(file, supergraph.sdl);
    hiveGateway = launch(
      path.join(root, "node_modules", ".bin", "hive-gateway"),
      ["supergraph", file, "--port", String(hive), "--host", "127.0.0.1"],
      { NODE_ENV: "production" },
    );
    const hiveUrl = `http://127.0.0.1:${hive}/graphql`;
    await until("Hive Gateway", async () =>
      fetch(hiveUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"query":"{ __typename }"}',
      })
        .then((r) => r.ok)
        .catch(() => false),
    );
    const targets = (q: (typeof QUERIES)[number]) => [
      { name: "gridgraph gateway", url: `http://127.0.0.1:${gw}/graphql`, pid: gatewayPid, query: q.query },
      { name: "Hive Gateway", url: hiveUrl, pid: hiveGateway!.child.pid, query: q.query },
      ...(q.direct
        ? [
            {
              name: `${q.direct.service} subgraph directly`,
              url: `http://127.0.0.1:${q.direct.service === "sites" ? sites : datasets}/graphql`,
              pid: undefined,
              query: q.direct.query,
            },
          ]
        : []),
    ];
    console.log(
      `\n## The gateway under load: ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} alternating rounds (best round shown)\n`,
    );
    console.log("| query | target | req/s | p50 ms | p95 ms | p99 ms | errors | peak RSS MB |");
    console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const q of QUERIES) {
      const best = new Map<string, Awaited<ReturnType<typeof load>>>();
      for (let round = 0; round < ROUNDS; round++) {
        for (const t of targets(q)) {
          const result = await load(t.url, t.query, t.pid);
          const previous = best.get(t.name);
          if (!previous || result.rps > previous.rps) best.set(t.name, result);
        }
      }
      const ours = best.get("gridgraph gateway")!;
      for (const [name, r] of best) {
        console.log(
          `| ${q.name} | ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${r.peakRss ? r.peakRss.toFixed(0) : "-"} |`,
        );
      }
      const hiveResult = best.get("Hive Gateway")!;
      const direct = [...best.entries()].find(([name]) => name.endsWith("directly"))?.[1];
      console.log(
        `| ${q.name} | **ratios** | ours/Hive throughput ${(ours.rps / hiveResult.rps).toFixed(2)}x${direct ? `; p50 ours/direct ${(ours.p50 / direct.p50).toFixed(2)}x` : ""} | | | | | |`,
      );
    }
  } finally {
    hiveGateway?.child.kill("SIGTERM");
    graph.child.kill("SIGINT");
    await new Promise((r) => graph.child.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The datasets subgraph alone vs plain pg + node:http, on PGlite and on PostgreSQL. */
async function subgraphFloor() {
  const logger = createLogger({}, "silent");
  const keys = await generateAssertionKeys();
  const assertions = new AssertionVerifier({ jwks: keys.publicJwks });
  const PAGE = `{ datasets(first: 10) { edges { node { id title level sizeBytes } } } }`;
  const SQL = `select id, title, level, size_bytes from dataset where access = 'PUBLIC' and (embargo_until is null or embargo_until <= now()) order by id limit 11`;
  const server = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const engines: { name: string; location: DatabaseLocation }[] = [
    { name: "PGlite", location: { kind: "memory" } },
  ];
  const serverUrl = new URL(server);
  serverUrl.pathname = `/gg_bench_floor_${process.pid}`;
  const probe = new Client({ connectionString: server });
  const reachable = await probe.connect().then(
    () => true,
    () => false,
  );
  await probe.end().catch(() => undefined);
  if (reachable)
    engines.push({
      name: "PostgreSQL",
      location: { kind: "server", url: serverUrl.toString(), createIfMissing: true },
    });
  else console.log(`(PostgreSQL at ${server} not reachable: PGlite only)`);

  console.log(
    `\n## A subgraph alone: a 10-row datasets page vs plain pg + node:http, ${CONNECTIONS} connections, ${SECONDS} s\n`,
  );
  console.log("| engine | target | req/s | p50 ms | p95 ms | p99 ms | errors |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
  for (const engine of engines) {
    const subgraph = await startSubgraph(datasetsSubgraph, {
      port: 0,
      database: engine.location,
      logger,
      assertions,
    });
    await seedDatasets(subgraph.db.orm.em.fork() as never);
    const pool =
      engine.location.kind === "server"
        ? new Pool({ connectionString: engine.location.url, max: 5 })
        : new Pool({
            host: subgraph.db.socketDir,
            port: 5432,
            user: "postgres",
            database: "postgres",
            max: 5,
          });
    const floor = createHttpServer(async (req, res) => {
      req.resume();
      const rows = (await pool.query(SQL)).rows.slice(0, 10);
      const body = JSON.stringify({ data: { datasets: { edges: rows.map((node) => ({ node })) } } });
      res
        .writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
        .end(body);
    });
    await new Promise<void>((resolve) => floor.listen(0, "127.0.0.1", resolve));
    const floorUrl = `http://127.0.0.1:${(floor.address() as { port: number }).port}/graphql`;
    const best = new Map<string, Awaited<ReturnType<typeof load>>>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, url] of [
        ["datasets subgraph", subgraph.url],
        ["floor: pg + node:http", floorUrl],
      ] as const) {
        const result = await load(url, PAGE);
        const previous = best.get(name);
        if (!previous || result.rps > previous.rps) best.set(name, result);
      }
    }
    for (const [name, r] of best)
      console.log(
        `| ${engine.name} | ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |`,
      );
    const ratio = best.get("floor: pg + node:http")!.rps / best.get("datasets subgraph")!.rps;
    console.log(`| ${engine.name} | **floor/subgraph throughput** | ${ratio.toFixed(2)}x | | | | |`);
    floor.close();
    await pool.end();
    await subgraph.stop();
    if (engine.location.kind === "server") {
      const admin = new Client({ connectionString: server });
      await admin.connect();
      await admin.query(`drop database if exists "gg_bench_floor_${process.pid}" with (force)`);
      await admin.end();
    }
  }
}

main()
  .then(() => (process.env.BENCH_SKIP_FLOOR ? undefined : subgraphFloor()))
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
