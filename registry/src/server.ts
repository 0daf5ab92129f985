import { writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "graphql";
import type { Logger } from "@gridgraph/kit";
import { SubgraphStore } from "./store";

export const EXPECTED_SUBGRAPHS = ["sites", "datasets", "jobs", "research-objects"];

export interface RegistryOptions {
  port: number;
  host?: string;
  logger: Logger;
  expected?: string[];
  /** Where to write each new supergraph (schema/supergraph.graphql under `npm start`); none in tests. */
  supergraphPath?: string;
}

export interface RunningRegistry {
  url: string;
  port: number;
  store: SubgraphStore;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/**
 * HTTP API: PUT /subgraphs/:name {url, sdl} registers (422 with every composition error
 * when the result would not compose); GET /supergraph returns the current supergraph
 * (503 with the missing subgraphs until all expected ones registered); GET /subgraphs; GET /health.
 */
export async function startRegistry(options: RegistryOptions): Promise<RunningRegistry> {
  const { logger } = options;
  const store = new SubgraphStore(options.expected ?? EXPECTED_SUBGRAPHS);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    try {
      const match = /^\/subgraphs\/([a-z0-9-]+)$/.exec(url.pathname);
      if (req.method === "PUT" && match) {
        const body = (await readJson(req)) as { url?: unknown; sdl?: unknown };
        if (typeof body.url !== "string" || typeof body.sdl !== "string") {
          return send(res, 400, { errors: ['Body must be JSON {"url": string, "sdl": string}.'] });
        }
        try {
          new URL(body.url);
          parse(body.sdl);
        } catch (error) {
          return send(res, 400, { errors: [`Invalid url or SDL: ${(error as Error).message}`] });
        }
        const result = store.register({ name: match[1], url: body.url, sdl: body.sdl });
        if (!result.ok) {
          logger.error("composition failed; subgraph refused", { subgraph: match[1], errors: result.errors });
          return send(res, 422, { errors: result.errors });
        }
        logger.info("subgraph registered", { subgraph: match[1], url: body.url, missing: result.missing });
        if (result.supergraph && options.supergraphPath) {
          writeFileSync(options.supergraphPath, result.supergraph.sdl + "\n");
        }
        return send(res, 200, { supergraphId: result.supergraph?.id ?? null, missing: result.missing });
      }
      if (req.method === "GET" && url.pathname === "/supergraph") {
        const supergraph = store.supergraph();
        if (!supergraph) return send(res, 503, { error: "No supergraph yet.", missing: store.missing() });
        return send(res, 200, supergraph);
      }
      if (req.method === "GET" && url.pathname === "/subgraphs") return send(res, 200, store.list());
      if (req.method === "GET" && url.pathname === "/health") {
        const supergraph = store.supergraph();
        return send(res, 200, {
          status: "ok",
          supergraphId: supergraph?.id ?? null,
          missing: store.missing(),
        });
      }
      return send(res, 404, { error: `No route ${req.method} ${url.pathname}.` });
    } catch (error) {
      logger.error("registry request failed", { error });
      return send(res, 400, { errors: [(error as Error).message] });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  logger.info("registry listening", { port });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
