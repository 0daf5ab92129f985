import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";

/**
 * Largest request body accepted. Capability imports carry whole documents (a BDII dump, a
 * registry export of thousands of sites), so this is generous; anything bigger gets a 413.
 */
export const MAX_BODY_BYTES = 128 * 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export interface HttpServerOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  context: (req: IncomingMessage) => Promise<C>;
  health: () => Promise<Record<string, unknown>>;
  /** Extra routes (the registry has its own); return true when handled. */
  routes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  port: number;
  host?: string;
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * A minimal node:http integration for Apollo Server 5 (`/graphql`) with a `/health`
 * endpoint. Avoids express: the services need two routes, not a framework.
 */
export async function startHttpServer<C extends BaseContext>(
  options: HttpServerOptions<C>,
): Promise<RunningHttpServer> {
  const { apollo } = options;
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname === "/health") {
        const health = await options
          .health()
          .catch((error: Error) => ({ status: "down", error: error.message }));
        return sendJson(res, health.status === "ok" ? 200 : 503, health);
      }
      if (options.routes && (await options.routes(req, res))) return;
      if (url.pathname !== "/graphql" && url.pathname !== "/") {
        return sendJson(res, 404, { error: `No route ${url.pathname}; GraphQL is served at /graphql.` });
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      let body: unknown = undefined;
      if (req.method === "POST") {
        const text = await readBody(req);
        try {
          body = text.length ? JSON.parse(text) : {};
        } catch {
          return sendJson(res, 400, {
            errors: [{ message: "Request body is not valid JSON.", extensions: { code: "BAD_REQUEST" } }],
          });
        }
      }
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
    } catch (error) {
      if (error instanceof BodyTooLarge && !res.headersSent) {
        // The rest of the body is not read: close the connection rather than reuse it.
        res.setHeader("connection", "close");
        return sendJson(res, 413, {
          errors: [
            {
              message: `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; split the document (e.g. one site per import).`,
              extensions: { code: "PAYLOAD_TOO_LARGE" },
            },
          ],
        });
      }
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: (error as Error).message }] });
      else res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}/graphql`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
