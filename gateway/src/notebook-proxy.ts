import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { createProxyServer } from "http-proxy-3";
import { ASSERTION_HEADER, HttpRequestError, type AssertionSigner, type Logger } from "@gridgraph/kit";
import type { Admission } from "./admission";

/** Browsers cannot put a bearer token on a navigation or a WebSocket: a first authenticated request leaves it here. */
export const NOTEBOOK_COOKIE = "gg_notebook_token";
const NOTEBOOKS = /^\/notebooks\/[^/?#]+\//;

const cookieToken = (req: IncomingMessage): string | null => {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === NOTEBOOK_COOKIE && value.length) return decodeURIComponent(value.join("="));
  }
  return null;
};

/**
 * /notebooks/<session id>/… (HTTP and WebSocket) passed to the jobs service with the caller's
 * assertion, like every service route; the jobs service lets only the session's owner through
 * to the Jupyter server and adds the server's token there. The caller proves who they are with
 * a bearer token, or with the HttpOnly, SameSite=Strict cookie (path /notebooks/) that a
 * request with a bearer token sets, so a browser tab can open the session. Neither the token
 * nor the cookie is passed on.
 */
export function notebookProxy(deps: {
  admission: Admission;
  signer: AssertionSigner;
  jobsUrl: () => string | null;
  logger: Logger;
}) {
  const proxy = createProxyServer({ ws: true, xfwd: false });
  const cookies = new WeakMap<IncomingMessage, string>();
  proxy.on("proxyRes", (proxyRes, req) => {
    const cookie = cookies.get(req as IncomingMessage);
    if (!cookie) return;
    const existing = proxyRes.headers["set-cookie"] ?? [];
    proxyRes.headers["set-cookie"] = [...existing, cookie];
  });
  proxy.on("error", (error, _req, target) => {
    deps.logger.warn("notebook proxy failed", { error: (error as Error).message });
    const res = target as ServerResponse | undefined;
    if (res && "writeHead" in res && !res.headersSent) {
      res.writeHead(502, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          errors: [
            { message: "The jobs service did not answer.", extensions: { code: "SUBGRAPH_UNAVAILABLE" } },
          ],
        }),
      );
    } else (target as Duplex | undefined)?.destroy?.();
  });

  /** Admits the request as its caller and turns it into one for the jobs service. */
  async function prepare(req: IncomingMessage): Promise<string> {
    const fromCookie = !req.headers.authorization && cookieToken(req);
    if (fromCookie) req.headers.authorization = `Bearer ${fromCookie}`;
    await deps.admission.admit(req);
    const viewer = deps.admission.viewerOf(req);
    if (!viewer)
      throw new HttpRequestError(
        401,
        "UNAUTHENTICATED",
        "Log in to open a notebook session: a bearer token, or the cookie a request with one sets.",
      );
    const base = deps.jobsUrl();
    if (!base)
      throw new HttpRequestError(503, "SUBGRAPH_UNAVAILABLE", "The jobs service is not in the graph.");
    const token = req.headers.authorization!.replace(/^Bearer\s+/i, "");
    if (!fromCookie)
      cookies.set(
        req,
        `${NOTEBOOK_COOKIE}=${encodeURIComponent(token)}; Path=/notebooks/; HttpOnly; SameSite=Strict`,
      );
    delete req.headers.authorization;
    req.headers.cookie = (req.headers.cookie ?? "")
      .split(";")
      .filter((part) => part.trim() && !part.trim().startsWith(`${NOTEBOOK_COOKIE}=`))
      .join(";");
    if (!req.headers.cookie) delete req.headers.cookie;
    req.headers[ASSERTION_HEADER] = await deps.signer.sign(viewer, "jobs");
    return new URL(base).origin;
  }

  return {
    matches: (url: string | undefined) => NOTEBOOKS.test(url ?? ""),
    async web(req: IncomingMessage, res: ServerResponse) {
      const target = await prepare(req);
      proxy.web(req, res, { target });
    },
    async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      try {
        const target = await prepare(req);
        proxy.ws(req, socket, head, { target: target.replace(/^http/, "ws") });
      } catch (error) {
        const status = error instanceof HttpRequestError ? error.status : 500;
        socket.end(
          `HTTP/1.1 ${status} ${status === 401 ? "Unauthorized" : "Refused"}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`,
        );
      }
    },
    close: () => proxy.close(),
  };
}
