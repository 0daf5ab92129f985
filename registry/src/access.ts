import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { HttpRequestError } from "@gridgraph/kit";

/**
 * Who may talk to the registry. Publishing a subgraph needs that subgraph's own secret (a
 * bearer token), and its URL must be allowed for it; reading the supergraph needs the
 * gateways' secret. Without this, anyone who reaches the registry could register a look-alike
 * of a subgraph and receive every user's requests.
 */
export interface RegistryCredentials {
  /** Subgraph name -> the secret it publishes with. */
  subgraphs: Record<string, string>;
  /** The secret gateways read the supergraph and report usage with. */
  gateway: string;
  /**
   * The operators' secret (the `npm run registry` CLI): history, diff, rollback, checks, and
   * publishing any subgraph. Absent: those routes answer 401 to everyone.
   */
  operator?: string;
  /**
   * Subgraph name (or "*") -> host names its URL may have; a leading "." allows subdomains.
   * Without an entry: loopback addresses only.
   */
  allowedHosts?: Record<string, string[]>;
}

/** Fresh secrets for every subgraph and the gateways (what `npm start` and the tests use). */
export function generateCredentials(subgraphs: readonly string[]): RegistryCredentials {
  const secret = () => randomBytes(32).toString("base64url");
  return {
    subgraphs: Object.fromEntries(subgraphs.map((name) => [name, secret()])),
    gateway: secret(),
    operator: secret(),
  };
}

const digest = (secret: string) => createHash("sha256").update(secret).digest();

/** Constant-time comparison of two secrets (as digests, so lengths never leak). */
function same(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1] : null;
}

const LOOPBACK = (host: string) =>
  host === "localhost" || host === "[::1]" || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));

/** Who a request is from, as recorded in the history. */
export type Principal = "gateway" | "operator" | `subgraph:${string}`;

export class RegistryAccess {
  constructor(private readonly credentials: RegistryCredentials) {}

  private isOperator(token: string) {
    return this.credentials.operator !== undefined && same(token, this.credentials.operator);
  }

  /** A gateway (or an operator) may read the supergraph and the list of subgraphs. */
  requireGateway(req: IncomingMessage): Principal {
    const token = bearer(req);
    if (!token) throw unauthorized("Reading the supergraph needs the gateway's registry secret.");
    if (this.isOperator(token)) return "operator";
    if (!same(token, this.credentials.gateway))
      throw unauthorized("That is not the gateway's registry secret.");
    return "gateway";
  }

  /** History, diff and rollback are the operators'. */
  requireOperator(req: IncomingMessage): Principal {
    const token = bearer(req);
    if (!token) throw unauthorized("This needs the registry's operator secret (REGISTRY_OPERATOR_SECRET).");
    if (!this.isOperator(token)) throw unauthorized("That is not the registry's operator secret.");
    return "operator";
  }

  /** The caller holds `name`'s own secret or the operators' (checked before its body is read). */
  requirePublisher(req: IncomingMessage, name: string): Principal {
    const token = bearer(req);
    if (!token) throw unauthorized(`Publishing '${name}' needs its registry secret.`);
    const own = this.credentials.subgraphs[name];
    if (!own)
      throw new HttpRequestError(403, "FORBIDDEN", `'${name}' is not a subgraph this registry knows.`);
    if (this.isOperator(token)) return "operator";
    if (!same(token, own)) {
      const other = Object.entries(this.credentials.subgraphs).some(([, secret]) => same(token, secret));
      if (other)
        throw new HttpRequestError(403, "FORBIDDEN", `That secret is another subgraph's, not '${name}'s.`);
      throw unauthorized(`That is not the registry secret of '${name}'.`);
    }
    return `subgraph:${name}`;
  }

  /** `name` may be published at `url`: its host is allowed for it (loopback by default). */
  requireAllowedUrl(name: string, url: string) {
    const host = new URL(url).hostname;
    const allowed = this.credentials.allowedHosts?.[name] ?? this.credentials.allowedHosts?.["*"];
    const ok = allowed
      ? allowed.some((a) => (a.startsWith(".") ? host.endsWith(a) || host === a.slice(1) : host === a))
      : LOOPBACK(host);
    if (!ok)
      throw new HttpRequestError(
        403,
        "FORBIDDEN",
        `'${name}' may not be published at ${host}; allowed: ${allowed?.join(", ") ?? "loopback addresses"}.`,
      );
  }
}

function unauthorized(message: string) {
  return new HttpRequestError(401, "UNAUTHENTICATED", message, {
    "www-authenticate": 'Bearer realm="registry"',
  });
}
