/**
 * The science portal (portal/, a single-page application) served at `/` on the gateway's own
 * origin, beside `/graphql` and the services' routes: no CORS between the portal and the graph.
 *
 * - `/portal-config.json`: what the portal needs at run time (the OIDC issuer and its client),
 *   so one build serves every deployment.
 * - `/assets/...`: the build's hashed files, cached for good.
 * - any other GET that asks for HTML and is not one of the graph's own routes: index.html
 *   (the application routes itself in the browser, so a page's address can be reloaded or shared).
 * Until `npm start` has finished building the portal, a small page says so and reloads itself.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import sirv from "sirv";

export interface PortalOptions {
  /** The portal's build (index.html and assets/). */
  dir: string;
  /** The OIDC issuer the portal signs people in at (the gateway's own issuer). */
  issuer: string;
  /** The portal's public client at that issuer. */
  clientId: string;
  /** The resource indicator (RFC 8707) the portal asks tokens for, if the issuer needs one. */
  resource?: string;
}

/** Paths the graph itself serves: never answered with the portal's page. */
const GRAPH_ROUTES =
  /^\/(graphql|health|metrics|\.well-known|glue2|ro\/|notebooks\/|(jobs|job-collections|data-requests)\/[^/]+\/(events|stdout|stderr))/;

export function portalHandler(options: PortalOptions) {
  const assets = sirv(options.dir, {
    dev: false,
    etag: true,
    setHeaders: (res, pathname) => {
      res.setHeader(
        "cache-control",
        pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  const issuerOrigin = new URL(options.issuer).origin;
  // The portal renders everything the graph returns as text (React escapes it); this policy is
  // the second wall: no inline or foreign script, and the page talks only to itself and the IdP.
  const securityHeaders = {
    "content-security-policy": [
      "default-src 'self'",
      "script-src 'self'",
      `connect-src 'self' ${issuerOrigin}`,
      "img-src 'self' data:",
      "style-src 'self' 'unsafe-inline'",
      "frame-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join("; "),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  };
  const config = JSON.stringify({
    issuer: options.issuer,
    clientId: options.clientId,
    resource: options.resource ?? null,
  });
  // Read again when the build changes it (a rebuild renames the hashed assets it points to).
  let indexHtml: { text: string; mtimeMs: number } | undefined;
  const index = () => {
    const file = path.join(options.dir, "index.html");
    const mtimeMs = existsSync(file) ? statSync(file).mtimeMs : undefined;
    if (mtimeMs === undefined) return undefined;
    if (indexHtml?.mtimeMs !== mtimeMs) indexHtml = { text: readFileSync(file, "utf8"), mtimeMs };
    return indexHtml.text;
  };

  /** Answers the request if it is the portal's; returns false otherwise. */
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const url = new URL(req.url ?? "/", "http://portal");
    if (url.pathname === "/portal-config.json") {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache" });
      res.end(req.method === "HEAD" ? undefined : config);
      return true;
    }
    if (GRAPH_ROUTES.test(url.pathname)) return false;
    if (url.pathname.startsWith("/assets/") || /^\/[\w.-]+\.(svg|png|ico|txt|json)$/.test(url.pathname)) {
      return new Promise<boolean>((resolve) => {
        Object.entries(securityHeaders).forEach(([k, v]) => res.setHeader(k, v));
        assets(req as never, res as never, () => resolve(false));
        res.once("finish", () => resolve(true));
      });
    }
    const acceptsHtml = (req.headers.accept ?? "").includes("text/html");
    if (!acceptsHtml) return false;
    const html = index();
    if (!html) {
      res.writeHead(503, { "content-type": "text/html; charset=utf-8", "retry-after": "2" });
      res.end(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">' +
          "<title>gridgraph portal</title></head><body><main><h1>The portal is being built</h1>" +
          "<p>This page reloads itself in a moment.</p></main></body></html>",
      );
      return true;
    }
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-cache",
      ...securityHeaders,
    });
    res.end(req.method === "HEAD" ? undefined : html);
    return true;
  };
}

/** Where `npm run build:portal` writes the portal: dist/portal under the repository root. */
export function defaultPortalDir(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, "dist", "portal");
}
