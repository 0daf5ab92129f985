import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import type { ServiceMetrics } from "./metrics";

/**
 * Largest request body a GraphQL service accepts. Capability imports carry whole documents (a
 * BDII dump, a registry export of thousands of sites), so this is generous; beyond it, 413.
 */
export const MAX_BODY_BYTES = 128 * 1024 * 1024;

/** A request this server refuses with a status and a message (too large, not JSON...). */
export class HttpRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** More of the answer: e.g. `retry-after` with a 429, `allow` with a 405. */
    readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The whole body as text; more than `limit` bytes is a 413 and the rest is not read. */
export async function readBody(
  req: IncomingMessage,
  limit: number,
  hint = "split the document (e.g. one site per import)",
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new HttpRequestError(
        413,
        "PAYLOAD_TOO_LARGE",
        `The request body is larger than ${formatBytes(limit)}; ${hint}.`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The body as JSON (an empty body is `{}`); anything else is a 400. */
export async function readJson(req: IncomingMessage, limit: number, hint?: string): Promise<unknown> {
  const text = await readBody(req, limit, hint);
  try {
    return text.length ? JSON.parse(text) : {};
  } catch {
    throw new HttpRequestError(400, "BAD_REQUEST", "Request body is not valid JSON.");
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function formatBytes(bytes: number) {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`;
}

export interface HttpServiceOptions {
  port: number;
  host?: string;
  /** `/health`: 200 when `status` is "ok", 503 otherwise (or when it throws). */
  health: () => Promise<Record<string, unknown>>;
  /** Answers a request; returns false when no route matched (then 404). */
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  /** Path named in the 404 answer, e.g. "GraphQL is served at /graphql". */
  notFoundHint?: string;
  /** Called for a request that failed unexpectedly (a 500). */
  onError?: (error: unknown) => void;
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  /** Base URL, http://host:port (no path). */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The one node:http integration of every gridgraph process (subgraphs, gateway, registry):
 * `/health`, the process's own routes, 404 for the rest, and refusals (413 body too large,
 * 400 not JSON) answered the same way everywhere. No framework: a few routes each.
 */
export async function startHttpService(options: HttpServiceOptions): Promise<RunningHttpServer> {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname === "/health") {
        const health = await options
          .health()
          .catch((error: Error) => ({ status: "down", error: error.message }));
        return sendJson(res, health.status === "ok" ? 200 : 503, health);
      }
      if (await options.handle(req, res, url)) return;
      const hint = options.notFoundHint ? `; ${options.notFoundHint}` : "";
      return sendJson(res, 404, { error: `No route ${req.method} ${url.pathname}${hint}.` });
    } catch (error) {
      if (res.headersSent) return void res.end();
      if (error instanceof HttpRequestError) {
        // The rest of a refused body is not read: close the connection once the answer is out.
        if (error.status === 413) {
          res.setHeader("connection", "close");
          res.once("finish", () => req.destroy());
        }
        for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
        return sendJson(res, error.status, {
          errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions } }],
        });
      }
      options.onError?.(error);
      sendJson(res, 500, {
        errors: [{ message: "Internal error.", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
      });
    }
  });
  // Callers (the gateway's fetcher) keep idle connections open with no timeout of their own;
  // a server that closes an idle one after Node's default 5 s races a request reusing it
  // (ECONNRESET with no answer, reported as SUBGRAPH_UNAVAILABLE). Keep them far longer.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    baseUrl: `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface HttpServerOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  context: (req: IncomingMessage) => Promise<C>;
  health: () => Promise<Record<string, unknown>>;
  /** Extra routes (the gateway's JWKS and GLUE 2.0 export); return true when handled. */
  routes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /**
   * Runs before a GraphQL request's body is read: may refuse it (throw HttpRequestError, e.g.
   * 401 or 429) or lower the body limit for this caller.
   */
  admit?: (req: IncomingMessage) => Promise<{ maxBodyBytes?: number; bodyLimitHint?: string }>;
  /** Looks at the query text before GraphQL parses it; may refuse it (throw HttpRequestError). */
  checkQuery?: (query: string) => void;
  /** Served at GET /metrics in Prometheus' text format. */
  metrics?: ServiceMetrics;
  port: number;
  host?: string;
}

export interface RunningGraphQLServer extends RunningHttpServer {
  /** The GraphQL endpoint, http://host:port/graphql. */
  url: string;
}

/** Apollo Server 5 at `/graphql` (and `/`) on the one HTTP integration above. */
export async function startHttpServer<C extends BaseContext>(
  options: HttpServerOptions<C>,
): Promise<RunningGraphQLServer> {
  const { apollo } = options;
  const http = await startHttpService({
    port: options.port,
    host: options.host,
    health: options.health,
    notFoundHint: "GraphQL is served at /graphql",
    async handle(req, res, url) {
      if (options.metrics && url.pathname === "/metrics" && req.method === "GET") {
        const text = await options.metrics.registry.metrics();
        res.writeHead(200, { "content-type": options.metrics.registry.contentType });
        res.end(text);
        return true;
      }
      if (options.routes && (await options.routes(req, res))) return true;
      if (url.pathname !== "/graphql" && url.pathname !== "/") return false;
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      const admission = options.admit ? await options.admit(req) : {};
      const body =
        req.method === "POST"
          ? await readJson(req, admission.maxBodyBytes ?? MAX_BODY_BYTES, admission.bodyLimitHint)
          : undefined;
      const query =
        req.method === "POST" ? (body as { query?: unknown })?.query : url.searchParams.get("query");
      if (options.checkQuery && typeof query === "string") options.checkQuery(query);
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
        context: () => options.context(req),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === "complete") {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
      return true;
    },
  });
  return { ...http, url: `${http.baseUrl}/graphql` };
}
