import { writeFileSync } from "node:fs";
import { parse } from "graphql";
import { readJson, sendJson, startHttpService, type Logger } from "@gridgraph/kit";
import { RegistryAccess, type RegistryCredentials } from "./access";
import { SubgraphStore } from "./store";

export const EXPECTED_SUBGRAPHS = ["sites", "datasets", "jobs", "research-objects"];

export interface RegistryOptions {
  port: number;
  host?: string;
  logger: Logger;
  expected?: string[];
  /** Where to write each new supergraph (schema/supergraph.graphql under `npm start`); none in tests. */
  supergraphPath?: string;
  /** Who may publish and read (access.ts). */
  credentials: RegistryCredentials;
}

export interface RunningRegistry {
  url: string;
  port: number;
  store: SubgraphStore;
  close(): Promise<void>;
}

/** SDL documents are some hundred KB; a body past this is refused (413), not buffered. */
export const MAX_REGISTRATION_BYTES = 8 * 1024 * 1024;

/**
 * HTTP API: PUT /subgraphs/:name {url, sdl} registers (422 with every composition error
 * when the result would not compose); GET /supergraph returns the current supergraph
 * (503 with the missing subgraphs until all expected ones registered); GET /subgraphs; GET /health.
 */
export async function startRegistry(options: RegistryOptions): Promise<RunningRegistry> {
  const { logger } = options;
  const store = new SubgraphStore(options.expected ?? EXPECTED_SUBGRAPHS);
  const access = new RegistryAccess(options.credentials);
  // Refusals are logged: someone holding no or the wrong secret tried to publish or read.
  const guarded = (check: () => void, what: Record<string, unknown>) => {
    try {
      check();
    } catch (error) {
      logger.warn("registry request refused", { ...what, reason: (error as Error).message });
      throw error;
    }
  };

  const http = await startHttpService({
    port: options.port,
    host: options.host,
    onError: (error) => logger.error("registry request failed", { error }),
    async health() {
      const supergraph = store.supergraph();
      return { status: "ok", supergraphId: supergraph?.id ?? null, missing: store.missing() };
    },
    async handle(req, res, url) {
      const match = /^\/subgraphs\/([a-z0-9-]+)$/.exec(url.pathname);
      if (req.method === "PUT" && match) {
        // Who is asking comes first: nobody reads a stranger's body.
        guarded(() => access.requirePublisher(req, match[1]), {
          subgraph: match[1],
          from: req.socket.remoteAddress,
        });
        const body = (await readJson(req, MAX_REGISTRATION_BYTES)) as { url?: unknown; sdl?: unknown };
        if (typeof body.url !== "string" || typeof body.sdl !== "string") {
          sendJson(res, 400, { errors: ['Body must be JSON {"url": string, "sdl": string}.'] });
          return true;
        }
        try {
          new URL(body.url);
        } catch (error) {
          sendJson(res, 400, { errors: [`Invalid url or SDL: ${(error as Error).message}`] });
          return true;
        }
        guarded(() => access.requireAllowedUrl(match[1], body.url as string), {
          subgraph: match[1],
          url: body.url,
          from: req.socket.remoteAddress,
        });
        try {
          parse(body.sdl);
        } catch (error) {
          sendJson(res, 400, { errors: [`Invalid url or SDL: ${(error as Error).message}`] });
          return true;
        }
        const result = store.register({ name: match[1], url: body.url, sdl: body.sdl });
        if (!result.ok) {
          logger.error("composition failed; subgraph refused", { subgraph: match[1], errors: result.errors });
          sendJson(res, 422, { errors: result.errors });
          return true;
        }
        logger.info("subgraph registered", { subgraph: match[1], url: body.url, missing: result.missing });
        if (result.supergraph && options.supergraphPath) {
          writeFileSync(options.supergraphPath, result.supergraph.sdl + "\n");
        }
        sendJson(res, 200, { supergraphId: result.supergraph?.id ?? null, missing: result.missing });
        return true;
      }
      if (req.method === "GET" && (url.pathname === "/supergraph" || url.pathname === "/subgraphs"))
        guarded(() => access.requireGateway(req), { path: url.pathname, from: req.socket.remoteAddress });
      if (req.method === "GET" && url.pathname === "/supergraph") {
        const supergraph = store.supergraph();
        if (!supergraph) sendJson(res, 503, { error: "No supergraph yet.", missing: store.missing() });
        else sendJson(res, 200, supergraph);
        return true;
      }
      if (req.method === "GET" && url.pathname === "/subgraphs") {
        sendJson(res, 200, store.list());
        return true;
      }
      return false;
    },
  });
  const port = http.port;
  logger.info("registry listening", { port });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    close: () => http.close(),
  };
}
