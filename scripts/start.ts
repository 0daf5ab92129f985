/**
 * `npm start`: the whole graph on this machine. Starts the registry, the four subgraphs
 * (each its own process, port and database) and the gateway; loads seeds on first start;
 * prints the gateway URL and a sample query. Ctrl-C stops every child. If any service fails
 * during the first start, everything is stopped and its error is shown; once the graph is up,
 * a service that exits is started again (after 1 s, doubling up to 30 s while it keeps
 * failing) and the others keep serving: the gateway answers SUBGRAPH_UNAVAILABLE for its
 * fields meanwhile.
 */
import { generateKeyPairSync } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { DEFAULT_PORTS } from "@gridgraph/kit";
import { DEMO_PASSWORD, DEMO_USERS } from "../gateway/src/local-idp";
import { generateCredentials } from "../registry/src/access";
import { subgraphSecretVariable } from "../registry/src/config";
import { writeOperatorSecret } from "../registry/src/operator-secret";
import { EXPECTED_SUBGRAPHS } from "../registry/src/server";
import { SAMPLE_QUERY } from "./sample-query";

interface Service {
  name: string;
  entry: string;
  /** Extra node flags for this service. */
  nodeArgs?: string[];
}

/**
 * The sites service keeps the whole capability registry in memory for placement (decision
 * 0008). A larger young generation lets each query's short-lived results die young instead of
 * being promoted, which would make V8 re-mark the big snapshot in frequent major collections.
 * docker-compose.yml and `npm run bench` use the same flag.
 */
export const SITES_NODE_ARGS = ["--max-semi-space-size=32"];

const root = path.resolve(__dirname, "..", ".."); // dist/scripts -> repository root
const SERVICES: Service[] = [
  { name: "registry", entry: "registry/src/main.js" },
  { name: "identity", entry: "gateway/src/local-idp-main.js" },
  { name: "sites", entry: "subgraphs/sites/src/main.js", nodeArgs: SITES_NODE_ARGS },
  { name: "datasets", entry: "subgraphs/datasets/src/main.js" },
  { name: "jobs", entry: "subgraphs/jobs/src/main.js" },
  { name: "research-objects", entry: "subgraphs/research-objects/src/main.js" },
  { name: "gateway", entry: "gateway/src/main.js" },
];

/**
 * The registry's secrets (registry/src/access.ts), made once per `npm start` unless the
 * environment names them: each subgraph publishes with its own, the gateway reads with its.
 */
const credentials = (() => {
  const made = generateCredentials(EXPECTED_SUBGRAPHS);
  for (const name of EXPECTED_SUBGRAPHS)
    made.subgraphs[name] = process.env[subgraphSecretVariable(name)] ?? made.subgraphs[name];
  made.gateway = process.env.REGISTRY_GATEWAY_SECRET ?? made.gateway;
  made.operator = process.env.REGISTRY_OPERATOR_SECRET ?? made.operator;
  return made;
})();

/**
 * The keys the services that act for users through the gateway sign with (decision 0015): the
 * jobs service (placement, inputs and outputs as a job's owner), the sites service (a JDL's
 * InputData as the caller), the datasets service (storage endpoints a replica or transfer
 * names, as the caller) and the research objects service (datasets and jobs added as items, as
 * the caller). Made once per `npm start` unless <SERVICE>_DELEGATION_PRIVATE_JWK
 * names one; the gateway trusts their public halves (DELEGATE_JWKS).
 */
const DELEGATING_SERVICES = ["jobs", "sites", "datasets", "research-objects"] as const;
const delegationKeys = Object.fromEntries(
  DELEGATING_SERVICES.map((service) => {
    const variable = `${service.toUpperCase().replace(/-/g, "_")}_DELEGATION_PRIVATE_JWK`;
    const given = process.env[variable];
    const privateJwk = given
      ? (JSON.parse(given) as Record<string, unknown>)
      : {
          ...generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" }),
          kid: `${service}-${Date.now().toString(36)}`,
          alg: "ES256",
          use: "sig",
        };
    const { d: _private, ...publicJwk } = privateJwk;
    return [service, { variable, privateJwk: JSON.stringify(privateJwk), publicJwks: { keys: [publicJwk] } }];
  }),
);
const trustedDelegates = JSON.stringify(
  Object.fromEntries(Object.entries(delegationKeys).map(([service, key]) => [service, key.publicJwks])),
);

function secretsFor(service: string): Record<string, string> {
  if (service === "registry")
    return {
      ...Object.fromEntries(
        EXPECTED_SUBGRAPHS.map((name) => [subgraphSecretVariable(name), credentials.subgraphs[name]]),
      ),
      REGISTRY_GATEWAY_SECRET: credentials.gateway,
      REGISTRY_OPERATOR_SECRET: credentials.operator!,
    };
  if (service === "gateway")
    return {
      REGISTRY_GATEWAY_SECRET: credentials.gateway,
      DELEGATE_JWKS: process.env.DELEGATE_JWKS ?? trustedDelegates,
    };
  const own = credentials.subgraphs[service];
  const delegation = delegationKeys[service];
  return {
    ...(own ? { REGISTRY_SECRET: own } : {}),
    ...(delegation ? { [delegation.variable]: delegation.privateJwk } : {}),
  };
}

const children = new Map<string, ChildProcess>();
const recentOutput = new Map<string, string[]>();
let stopping = false;
/** Set once the gateway first answered: from then on, a service that exits is restarted. */
let up = false;
const startedAt = Date.now();
const RESTART_MIN_MS = 1000;
const RESTART_MAX_MS = 30_000;
/** A service that ran this long before it exited starts again from the shortest delay. */
const STABLE_AFTER_MS = 60_000;
const restartDelay = new Map<string, number>();

function formatLine(service: string, line: string): string {
  try {
    const { time: _t, level, service: _s, msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const fields = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(" ");
    return `[${service}] ${level === "info" ? "" : `${String(level).toUpperCase()} `}${msg}${fields ? ` ${fields}` : ""}`;
  } catch {
    return `[${service}] ${line}`;
  }
}

function pipe(service: string, stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) {
  let buffer = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim()) continue;
      const recent = recentOutput.get(service) ?? [];
      recent.push(line);
      if (recent.length > 30) recent.shift();
      recentOutput.set(service, recent);
      out.write(formatLine(service, line) + "\n");
    }
  });
}

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    const alive = [...children.values()].filter((c) => c.exitCode === null && c.signalCode === null);
    for (const child of alive) child.kill("SIGTERM");
    await Promise.race([
      Promise.all(alive.map((c) => new Promise((resolve) => c.once("exit", resolve)))),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
    const stuck = [...children.entries()].filter(([, c]) => c.exitCode === null && c.signalCode === null);
    if (stuck.length)
      console.error(`Still running after 10 s, killing: ${stuck.map(([name]) => name).join(", ")}`);
    for (const [, child] of stuck) child.kill("SIGKILL");
  }
  process.exit(code);
}

function start(service: Service) {
  const child = spawn(
    process.execPath,
    ["--enable-source-maps", ...(service.nodeArgs ?? []), path.join(root, "dist", service.entry)],
    {
      cwd: root,
      env: { ...process.env, ...secretsFor(service.name) },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.set(service.name, child);
  pipe(service.name, child.stdout, process.stdout);
  pipe(service.name, child.stderr, process.stderr);
  const launchedAt = Date.now();
  console.log(`[start] ${service.name} started (pid ${child.pid})`);
  child.on("exit", (code, signal) => {
    if (stopping) return;
    const after = ((Date.now() - startedAt) / 1000).toFixed(1);
    if (up) {
      const ranFor = Date.now() - launchedAt;
      const previous = restartDelay.get(service.name);
      const delay =
        previous === undefined || ranFor > STABLE_AFTER_MS
          ? RESTART_MIN_MS
          : Math.min(previous * 2, RESTART_MAX_MS);
      restartDelay.set(service.name, delay);
      console.error(
        `[start] ${service.name} exited (${code ?? signal}) after ${(ranFor / 1000).toFixed(1)} s; restarting it in ${delay / 1000} s. The others keep serving.`,
      );
      setTimeout(() => {
        if (!stopping) start(service);
      }, delay);
      return;
    }
    console.error(
      `\n${service.name} stopped unexpectedly after ${after} s (exit ${code ?? signal}). Its last output:`,
    );
    for (const line of recentOutput.get(service.name) ?? [])
      console.error(`  ${formatLine(service.name, line)}`);
    console.error("Stopping every other service.");
    void stopAll(1);
  });
}

async function waitForGateway(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ sites(first: 1) { totalCount } }" }),
      });
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The gateway did not answer within ${timeoutMs / 1000} s.`);
}

/**
 * Every subgraph answers its /health. The gateway alone is not enough: the registry serves the
 * last supergraph from its database at once, so the gateway can answer before a subgraph that
 * cannot start has failed; the first start is over only when every service is up.
 */
async function waitForSubgraphs(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const ports = SERVICES.filter((s) => s.entry.startsWith("subgraphs/")).map((s) => {
    const variable = `${s.name.toUpperCase().replace(/-/g, "_")}_PORT`;
    return Number(process.env[variable] ?? DEFAULT_PORTS[s.name as keyof typeof DEFAULT_PORTS]);
  });
  for (const port of ports) {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) })
        .then((res) => res.ok)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline)
        throw new Error(`The subgraph on port ${port} did not become healthy in time.`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * The science portal is built (scripts/build-portal.js: typed operations, then Vite) while the
 * services start, so it does not delay the graph's first answer; the gateway shows a "being
 * built" page until it is there. Nothing is rebuilt when nothing it is made from changed.
 */
function buildPortal(portalUrl: string): Promise<boolean> {
  const child = spawn(process.execPath, [path.join(root, "scripts", "build-portal.js"), "--quiet"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.set("portal-build", child);
  pipe("portal", child.stdout, process.stdout);
  pipe("portal", child.stderr, process.stderr);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      children.delete("portal-build");
      if (stopping) return resolve(false);
      if (code === 0) console.log(`[start] the portal is ready: ${portalUrl}`);
      else console.error(`[start] the portal did not build (exit ${code}); the graph serves on without it.`);
      resolve(code === 0);
    }),
  );
}

async function main() {
  const started = Date.now();
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));
  // `npm run registry -- list | diff | rollback` on this machine reads it from there.
  writeOperatorSecret(credentials.operator!);
  const port = Number(process.env.GATEWAY_PORT ?? DEFAULT_PORTS.gateway);
  const portalUrl = `http://127.0.0.1:${port}/`;
  let portalBuilt = false;
  if (process.env.PORTAL_DIR !== "none") void buildPortal(portalUrl).then((ok) => (portalBuilt = ok));
  for (const service of SERVICES) start(service);
  const url = `http://127.0.0.1:${port}/graphql`;
  // A first start on a busy 2-core machine (PGlite template, seeding) can take minutes.
  await waitForGateway(url, 300_000);
  await waitForSubgraphs(300_000);
  up = true;
  const compact = SAMPLE_QUERY.replace(/\s+/g, " ");
  console.log(`
gridgraph is up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${url}

Try it as demo user alice, a LOFAR member (others: ${DEMO_USERS.map((u) => u.username).join(", ")}; none: anonymous):
  TOKEN=$(npm run -s token -- alice)
  curl -s ${url} -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" \\
    -d '${JSON.stringify({ query: compact })}'

Or open the science portal in a browser: ${portalUrl} (sign in as alice, password ${DEMO_PASSWORD})${
    portalBuilt || process.env.PORTAL_DIR === "none" ? "" : " (still being built: it says so when ready)"
  }

Press Ctrl-C to stop every service.
`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(String(error));
    void stopAll(1);
  });
}
