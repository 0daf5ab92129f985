import { writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse } from "graphql";
import {
  HttpRequestError,
  readJson,
  sendJson,
  startHttpService,
  type Database,
  type DatabaseLocation,
  type Logger,
} from "@gridgraph/kit";
import { RegistryAccess, type Principal, type RegistryCredentials } from "./access";
import { openRegistryDatabase } from "./database";
import { describeBlocking } from "./domain/schema-checks";
import { NotFound, RegistryStore, type Approval, type Evaluation } from "./store";

export const EXPECTED_SUBGRAPHS = ["sites", "datasets", "jobs", "research-objects"];

export interface RegistryOptions {
  port: number;
  host?: string;
  logger: Logger;
  expected?: string[];
  /** Where the registry keeps its history (an open database is shared, e.g. by tests). */
  database: DatabaseLocation | Database;
  /** Where to write each new supergraph (schema/supergraph.graphql under `npm start`); none in tests. */
  supergraphPath?: string;
  /** Who may publish and read (access.ts). */
  credentials: RegistryCredentials;
  /** Days of reported usage a breaking change is checked against (default 30). */
  usageWindowDays?: number;
}

export interface RunningRegistry {
  url: string;
  port: number;
  store: RegistryStore;
  db: Database;
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/** SDL documents are some hundred KB; a body past this is refused (413), not buffered. */
export const MAX_REGISTRATION_BYTES = 8 * 1024 * 1024;
/** A usage report of one gateway interval: thousands of operations at most. */
const MAX_USAGE_BYTES = 4 * 1024 * 1024;

interface PublishBody {
  url: string;
  sdl: string;
  approval?: Approval;
}

/**
 * The shape of a publish or check body; every problem with it at once (400), before any
 * question about the URL's host or composition.
 */
function readPublishBody(body: unknown, requireUrl: boolean): { value?: PublishBody; problems: string[] } {
  const problems: string[] = [];
  const b = (body ?? {}) as Record<string, unknown>;
  if (requireUrl || b.url !== undefined) {
    if (typeof b.url !== "string") problems.push("'url' must be a string (the subgraph's routing URL).");
    else {
      try {
        const url = new URL(b.url);
        if (url.protocol !== "http:" && url.protocol !== "https:")
          problems.push(`'url' must be http or https, not ${url.protocol}`);
      } catch {
        problems.push(`'url' is not a URL: ${b.url.slice(0, 200)}`);
      }
    }
  }
  if (typeof b.sdl !== "string") problems.push("'sdl' must be a string (the subgraph's schema).");
  else {
    try {
      parse(b.sdl);
    } catch (error) {
      problems.push(`'sdl' does not parse: ${(error as Error).message}`);
    }
  }
  let approval: Approval | undefined;
  if (b.approval !== undefined) {
    const a = b.approval as Record<string, unknown> | null;
    if (!a || typeof a.by !== "string" || !a.by.trim() || a.by.length > 200)
      problems.push("'approval.by' must name who approves a breaking change (at most 200 characters).");
    else if (a.reason !== undefined && (typeof a.reason !== "string" || a.reason.length > 2000))
      problems.push("'approval.reason' must be a string of at most 2000 characters.");
    else approval = { by: a.by.trim(), reason: a.reason as string | undefined };
  }
  if (problems.length) return { problems };
  return { value: { url: b.url as string, sdl: b.sdl as string, approval }, problems };
}

/** What a publisher or checker is told about changes: the same fields for both. */
function checkAnswer(evaluation: Evaluation) {
  return {
    missing: evaluation.missing,
    unchanged: evaluation.unchanged,
    changes: evaluation.report.changes,
    warnings: evaluation.report.warnings,
  };
}

const positiveInt = (text: string | null, what: string) => {
  const n = Number(text);
  if (!text || !Number.isSafeInteger(n) || n <= 0)
    throw new HttpRequestError(400, "BAD_REQUEST", `${what} must be a positive integer.`);
  return n;
};

/**
 * HTTP API (decision 0013):
 * - PUT  /subgraphs/:name {url, sdl, approval?}   publish (the subgraph's secret or an operator's)
 * - POST /subgraphs/:name/check {url?, sdl}       the same checks, nothing stored
 * - GET  /supergraph                               the live supergraph (gateways; ETag/304)
 * - GET  /subgraphs                                the live subgraph versions (gateways)
 * - POST /usage {reports}                          field usage per operation (gateways)
 * - GET  /supergraphs, /supergraphs/:v, /supergraphs/diff?from=&to=, POST /supergraphs/:v/rollback
 *                                                  history, diff, rollback (operators)
 */
export async function startRegistry(options: RegistryOptions): Promise<RunningRegistry> {
  const { logger } = options;
  const ownsDatabase = !("orm" in options.database);
  const db =
    "orm" in options.database ? options.database : await openRegistryDatabase(options.database, logger);
  const store = new RegistryStore(
    db,
    options.expected ?? EXPECTED_SUBGRAPHS,
    logger,
    options.usageWindowDays,
  );
  const access = new RegistryAccess(options.credentials);
  // Refusals are logged: someone holding no or the wrong secret tried to publish or read.
  const guarded = <T>(req: IncomingMessage, check: () => T, what: Record<string, unknown>): T => {
    try {
      return check();
    } catch (error) {
      logger.warn("registry request refused", {
        ...what,
        from: req.socket.remoteAddress,
        reason: (error as Error).message,
      });
      throw error;
    }
  };
  /** A database that cannot be written is a 503 that says nothing changed. */
  const writing = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof NotFound || error instanceof HttpRequestError) throw error;
      logger.error(`${what} failed; nothing was changed`, { error });
      throw new HttpRequestError(
        503,
        "UNAVAILABLE",
        `The registry could not store this (${what}); nothing was changed.`,
      );
    }
  };

  async function publish(req: IncomingMessage, res: ServerResponse, name: string) {
    // Who is asking comes first: nobody reads a stranger's body.
    const by = guarded(req, () => access.requirePublisher(req, name), { subgraph: name });
    const { value, problems } = readPublishBody(await readJson(req, MAX_REGISTRATION_BYTES), true);
    if (!value) return sendJson(res, 400, { errors: problems });
    guarded(req, () => access.requireAllowedUrl(name, value.url), { subgraph: name, url: value.url });
    const approval = value.approval && {
      ...value.approval,
      by: `${value.approval.by} (with ${by}'s credential)`,
    };
    const outcome = await writing(`publish ${name}`, () =>
      store.publish({ name, url: value.url, sdl: value.sdl }, by, approval),
    );
    if (outcome.status === "refused" && outcome.reason === "composition") {
      logger.error("composition failed; subgraph refused", {
        subgraph: name,
        errors: outcome.evaluation.errors,
      });
      return sendJson(res, 422, { errors: outcome.evaluation.errors });
    }
    if (outcome.status === "refused") {
      const errors = describeBlocking(outcome.evaluation.report.blocking);
      logger.warn("breaking change used by clients; subgraph refused", { subgraph: name, errors });
      return sendJson(res, 409, {
        errors: [
          ...errors,
          `Publish again with "approval": {"by": "<who approves>", "reason": "..."} (npm run registry -- publish ... --approve <who>) to ship it anyway.`,
        ],
        ...checkAnswer(outcome.evaluation),
      });
    }
    if (outcome.status === "published") {
      logger.info("subgraph published", {
        subgraph: name,
        url: value.url,
        subgraphVersion: outcome.subgraphVersion,
        supergraphVersion: outcome.supergraph?.version ?? null,
        approvedBy: approval && outcome.evaluation.report.blocking.length ? approval.by : undefined,
      });
      if (outcome.supergraph && options.supergraphPath)
        writeFileSync(options.supergraphPath, outcome.supergraph.sdl + "\n");
    }
    sendJson(res, 200, {
      status: outcome.status,
      subgraphVersion: outcome.subgraphVersion,
      supergraphId: outcome.supergraph?.id ?? null,
      supergraphVersion: outcome.supergraph?.version ?? null,
      ...checkAnswer(outcome.evaluation),
    });
  }

  async function check(req: IncomingMessage, res: ServerResponse, name: string) {
    guarded(req, () => access.requirePublisher(req, name), { subgraph: name, check: true });
    const { value, problems } = readPublishBody(await readJson(req, MAX_REGISTRATION_BYTES), false);
    if (!value) return sendJson(res, 400, { errors: problems });
    const live = (await store.listSubgraphs()).find((s) => s.name === name);
    const url = value.url ?? live?.url ?? "http://127.0.0.1/graphql";
    const evaluation = await store.check({ name, url, sdl: value.sdl });
    const blocking = describeBlocking(evaluation.report.blocking);
    sendJson(res, 200, {
      ok: evaluation.errors.length === 0 && blocking.length === 0,
      errors: [...evaluation.errors, ...blocking],
      ...checkAnswer(evaluation),
    });
  }

  const http = await startHttpService({
    port: options.port,
    host: options.host,
    onError: (error) => logger.error("registry request failed", { error }),
    // Healthy while it can serve gateways: a database outage with a supergraph in hand is
    // reported, not fatal (a liveness probe restarting it would lose that supergraph).
    async health() {
      const supergraph = await store.live();
      const missing = await store.missing().catch(() => null);
      return {
        status: supergraph || missing ? "ok" : "down",
        database: missing ? "ok" : "unreachable",
        supergraphId: supergraph?.id ?? null,
        supergraphVersion: supergraph?.version ?? null,
        missing,
      };
    },
    async handle(req, res, url) {
      const path = url.pathname;
      let match = /^\/subgraphs\/([a-z0-9-]+)$/.exec(path);
      if (req.method === "PUT" && match) return publish(req, res, match[1]).then(() => true);
      match = /^\/subgraphs\/([a-z0-9-]+)\/check$/.exec(path);
      if (req.method === "POST" && match) return check(req, res, match[1]).then(() => true);

      if (req.method === "GET" && path === "/supergraph") {
        guarded(req, () => access.requireGateway(req), { path });
        const supergraph = await store.live();
        if (!supergraph) {
          sendJson(res, 503, { error: "No supergraph yet.", missing: await store.missing() });
          return true;
        }
        // Gateways poll every few seconds: an unchanged supergraph costs them a 304.
        const etag = `"${supergraph.id}-${supergraph.version}"`;
        if (req.headers["if-none-match"] === etag) {
          res.writeHead(304, { etag });
          res.end();
          return true;
        }
        res.setHeader("etag", etag);
        sendJson(res, 200, supergraph);
        return true;
      }
      if (req.method === "GET" && path === "/subgraphs") {
        guarded(req, () => access.requireGateway(req), { path });
        sendJson(res, 200, await store.listSubgraphs());
        return true;
      }
      if (req.method === "POST" && path === "/usage") {
        guarded(req, () => access.requireGateway(req), { path });
        const body = (await readJson(req, MAX_USAGE_BYTES)) as { reports?: unknown };
        const reports = Array.isArray(body.reports) ? body.reports : null;
        const valid =
          reports?.every(
            (r: Record<string, unknown>) =>
              typeof r?.client === "string" &&
              typeof r.operation === "string" &&
              Array.isArray(r.coordinates) &&
              r.coordinates.every((c: unknown) => typeof c === "string" && c.length <= 300) &&
              Number.isSafeInteger(r.count) &&
              (r.count as number) > 0,
          ) ?? false;
        if (!valid) {
          sendJson(res, 400, {
            errors: [
              'Body must be {"reports": [{"client", "operation", "coordinates": [string], "count": n}]}.',
            ],
          });
          return true;
        }
        const rows = await writing("record usage", () => store.recordUsage(reports as never));
        sendJson(res, 200, { recorded: rows });
        return true;
      }

      if (!path.startsWith("/supergraphs")) return false;
      const by = guarded(req, () => access.requireOperator(req), { path }) as Principal;
      try {
        if (req.method === "GET" && path === "/supergraphs") {
          const limit = url.searchParams.has("limit")
            ? positiveInt(url.searchParams.get("limit"), "limit")
            : 50;
          sendJson(res, 200, await store.history(Math.min(limit, 1000)));
          return true;
        }
        if (req.method === "GET" && path === "/supergraphs/diff") {
          const from = positiveInt(url.searchParams.get("from"), "from");
          const to = positiveInt(url.searchParams.get("to"), "to");
          sendJson(res, 200, await store.diff(from, to));
          return true;
        }
        match = /^\/supergraphs\/(\d+)$/.exec(path);
        if (req.method === "GET" && match) {
          sendJson(res, 200, await store.supergraphVersion(Number(match[1])));
          return true;
        }
        match = /^\/supergraphs\/(\d+)\/rollback$/.exec(path);
        if (req.method === "POST" && match) {
          const target = Number(match[1]);
          const result = await writing(`rollback to ${target}`, () => store.rollback(target, by));
          logger.info(result.changed ? "rolled back" : "rollback: already live", {
            to: target,
            supergraphVersion: result.supergraph.version,
          });
          if (result.changed && options.supergraphPath)
            writeFileSync(options.supergraphPath, result.supergraph.sdl + "\n");
          sendJson(res, 200, {
            changed: result.changed,
            supergraph: { ...result.supergraph, sdl: undefined },
          });
          return true;
        }
      } catch (error) {
        if (error instanceof NotFound) {
          sendJson(res, 404, { errors: [error.message] });
          return true;
        }
        throw error;
      }
      return false;
    },
  });
  const port = http.port;
  logger.info("registry listening", { port, database: db.description });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    db,
    async close({ keepDatabase = false } = {}) {
      await http.close();
      if (ownsDatabase && !keepDatabase) await db.close();
    },
  };
}
