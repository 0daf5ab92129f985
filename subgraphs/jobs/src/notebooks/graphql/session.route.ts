import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { EntityManager } from "@mikro-orm/postgresql";
import { createProxyServer } from "http-proxy-3";
import {
  ApiError,
  ASSERTION_HEADER,
  sendJsonError,
  type Access,
  type Database,
  type Logger,
} from "@gridgraph/kit";
import type { JobsRuntime } from "../../runtime";
import { serverOf, SessionService, unreachable, type SessionServer } from "../domain/session.service";

const SESSION_PATH = /^\/notebooks\/([^/?#]+)\//;

/**
 * GET, POST, … /notebooks/<session id>/… and its WebSockets (the kernels' channels): the
 * session's Jupyter server, for its owner only, reached through the gateway (which adds the
 * caller's assertion). The server's token is added here, so it never leaves this service;
 * what the caller sent to prove who they are (cookies, the assertion) is not passed on.
 */
export function sessionRoutes(db: Database, runtime: JobsRuntime, logger: Logger) {
  const proxy = createProxyServer({ ws: true, changeOrigin: true, xfwd: false });
  const strip = (proxyReq: { removeHeader(name: string): void }) => {
    for (const name of ["cookie", "origin", ASSERTION_HEADER, "x-forwarded-for", "x-request-id"])
      proxyReq.removeHeader(name);
  };
  proxy.on("proxyReq", strip);
  proxy.on("proxyReqWs", strip);
  proxy.on("error", (error, _req, target) => {
    // Refused: the server is still starting (session.py writes session.json, then starts it).
    const starting = (error as NodeJS.ErrnoException).code === "ECONNREFUSED";
    if (!starting) logger.warn("notebook session proxy failed", { error: (error as Error).message });
    const res = target as ServerResponse | undefined;
    if (res && "writeHead" in res && !res.headersSent) {
      if (starting) res.setHeader("retry-after", "2");
      sendJsonError(
        res,
        starting ? 503 : 502,
        starting ? "SESSION_UNAVAILABLE" : "SESSION_UNREACHABLE",
        starting
          ? "The notebook session's server is starting; try again shortly."
          : "The notebook session's server did not answer.",
      );
    } else (target as Duplex | undefined)?.destroy?.();
  });

  /** The session's server for this caller, or the refusal (status, code, message). */
  async function resolve(
    req: IncomingMessage,
    accessOf: (req: IncomingMessage) => Promise<Access>,
  ): Promise<{ server: SessionServer } | { status: number; code: string; message: string } | null> {
    const match = SESSION_PATH.exec(req.url ?? "");
    if (!match) return null;
    const access = await accessOf(req);
    if (!access.sub)
      return { status: 401, code: "UNAUTHENTICATED", message: "Log in to open a notebook session." };
    const sessions = new SessionService(db.orm.em.fork() as EntityManager, access, runtime);
    try {
      const job = await sessions.own(decodeURIComponent(match[1]));
      const server = serverOf(job);
      const why = unreachable(job, server);
      return why ? { status: 503, code: "SESSION_UNAVAILABLE", message: why } : { server: server! };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const code = String(error.extensions.code);
      return { status: code === "FORBIDDEN" ? 403 : 404, code, message: error.message };
    }
  }

  return {
    async route(
      req: IncomingMessage,
      res: ServerResponse,
      accessOf: (req: IncomingMessage) => Promise<Access>,
    ) {
      const found = await resolve(req, accessOf);
      if (!found) return false;
      if ("status" in found) {
        if (found.status === 503) res.setHeader("retry-after", "2");
        sendJsonError(res, found.status, found.code, found.message);
        return true;
      }
      proxy.web(req, res, {
        target: `http://127.0.0.1:${found.server.port}`,
        headers: { authorization: `token ${found.server.token}` },
      });
      return true;
    },
    async upgrade(
      req: IncomingMessage,
      socket: Duplex,
      head: Buffer,
      accessOf: (req: IncomingMessage) => Promise<Access>,
    ) {
      const found = await resolve(req, accessOf);
      if (!found) return false;
      if ("status" in found) {
        socket.end(
          `HTTP/1.1 ${found.status} ${found.code}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`,
        );
        return true;
      }
      proxy.ws(req, socket, head, {
        target: `ws://127.0.0.1:${found.server.port}`,
        headers: { authorization: `token ${found.server.token}` },
      });
      return true;
    },
    close: () => proxy.close(),
  };
}
