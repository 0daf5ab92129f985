/**
 * Access-token verification at the gateway. JWTs are verified against the issuer's JWKS
 * (discovered from `.well-known/openid-configuration`; jose caches the keys and refetches
 * on an unknown `kid`) with issuer, audience, expiry/not-before with a small clock skew, and
 * an allow-list of algorithms. Opaque tokens go to the issuer's introspection endpoint
 * (openid-client) and the answer is cached for the token's remaining lifetime.
 * A bad token is always UNAUTHENTICATED with a reason, never treated as anonymous.
 */
import { createHash } from "node:crypto";
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
} from "jose";
import * as oidc from "openid-client";
import { unauthenticated, type Logger, type Viewer } from "@gridgraph/kit";

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  algorithms: string[];
  clockToleranceSeconds: number;
  /** Confidential client used for introspection of opaque tokens; without it opaque tokens are refused. */
  introspection?: { clientId: string; clientSecret: string };
  logger: Logger;
}

interface Discovered {
  jwks: ReturnType<typeof createRemoteJWKSet>;
  introspection?: oidc.Configuration;
}

const CACHE_LIMIT = 10_000;

export class TokenVerifier {
  private discovered?: Promise<Discovered>;
  private readonly introspected = new Map<string, { viewer: Viewer; until: number }>();

  constructor(private readonly options: TokenVerifierOptions) {}

  private discover(): Promise<Discovered> {
    this.discovered ??= (async () => {
      const url = new URL(this.options.issuer.replace(/\/$/, "") + "/.well-known/openid-configuration");
      const res = await fetch(url);
      if (!res.ok) throw new Error(`discovery at ${url} answered ${res.status}`);
      const meta = (await res.json()) as {
        issuer: string;
        jwks_uri: string;
        introspection_endpoint?: string;
      };
      if (meta.issuer !== this.options.issuer)
        throw new Error(`discovery names issuer ${meta.issuer}, expected ${this.options.issuer}`);
      let introspection: oidc.Configuration | undefined;
      if (this.options.introspection && meta.introspection_endpoint) {
        const insecure = this.options.issuer.startsWith("http://");
        introspection = await oidc.discovery(
          new URL(this.options.issuer),
          this.options.introspection.clientId,
          undefined,
          oidc.ClientSecretBasic(this.options.introspection.clientSecret),
          insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
        );
      }
      return { jwks: createRemoteJWKSet(new URL(meta.jwks_uri), { cooldownDuration: 5_000 }), introspection };
    })();
    // A failed discovery is retried by the next request instead of being cached forever.
    this.discovered.catch(() => (this.discovered = undefined));
    return this.discovered;
  }

  /** Verifies a bearer token and returns who it names. Throws UNAUTHENTICATED with a reason. */
  async verify(token: string): Promise<Viewer> {
    let discovered: Discovered;
    try {
      discovered = await this.discover();
    } catch (error) {
      this.options.logger.error("identity provider unreachable", { error });
      throw unauthenticated(
        `The identity provider ${this.options.issuer} cannot be reached to check your token; try again later.`,
      );
    }
    return token.split(".").length === 3
      ? this.verifyJwt(token, discovered)
      : this.introspect(token, discovered);
  }

  private async verifyJwt(token: string, discovered: Discovered): Promise<Viewer> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw unauthenticated("The access token is malformed (its header is not valid JSON).");
    }
    if (!alg || !this.options.algorithms.includes(alg)) {
      throw unauthenticated(
        `The access token is signed with '${alg}', which is not accepted (${this.options.algorithms.join(", ")}).`,
      );
    }
    try {
      const { payload } = await jwtVerify(token, discovered.jwks, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: this.options.algorithms,
        clockTolerance: this.options.clockToleranceSeconds,
        requiredClaims: ["exp", "sub"],
      });
      return viewerFromClaims(payload);
    } catch (error) {
      throw unauthenticated(`The access token was rejected: ${describeJoseError(error)}.`);
    }
  }

  private async introspect(token: string, discovered: Discovered): Promise<Viewer> {
    if (!discovered.introspection) {
      throw unauthenticated(
        "Opaque access tokens are not accepted here (no introspection is configured); send a JWT access token.",
      );
    }
    const key = createHash("sha256").update(token).digest("hex");
    const cached = this.introspected.get(key);
    if (cached && cached.until > Date.now()) return cached.viewer;
    let result: Awaited<ReturnType<typeof oidc.tokenIntrospection>>;
    try {
      result = await oidc.tokenIntrospection(discovered.introspection, token);
    } catch (error) {
      this.options.logger.error("token introspection failed", { error });
      throw unauthenticated("The identity provider could not introspect the access token; try again later.");
    }
    if (!result.active)
      throw unauthenticated("The access token is not active (expired, revoked or unknown to the issuer).");
    const aud = ([] as string[]).concat((result.aud as string | string[] | undefined) ?? []);
    if (!aud.includes(this.options.audience))
      throw unauthenticated(
        `The access token is not meant for this service (audience ${aud.join(", ") || "none"}).`,
      );
    if (result.iss && result.iss !== this.options.issuer)
      throw unauthenticated(`The access token comes from another issuer (${result.iss}).`);
    const viewer = viewerFromClaims(result as unknown as JWTPayload);
    const until = Math.min((result.exp ?? 0) * 1000, Date.now() + 10 * 60_000);
    if (this.introspected.size >= CACHE_LIMIT) this.introspected.clear();
    this.introspected.set(key, { viewer, until });
    return viewer;
  }
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "it has expired";
  if (error instanceof joseErrors.JWTClaimValidationFailed)
    return `claim '${error.claim}' is not acceptable (${error.reason})`;
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return "it is signed with a key the issuer does not publish";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "its signature does not verify";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "its algorithm is not accepted";
  if (error instanceof joseErrors.JWTInvalid || error instanceof joseErrors.JWSInvalid)
    return "it is not a well-formed JWT";
  return (error as Error).message;
}

export function viewerFromClaims(claims: JWTPayload): Viewer {
  if (typeof claims.sub !== "string" || !claims.sub)
    throw unauthenticated("The access token names no subject.");
  const raw = claims.eduperson_entitlement;
  const entitlements = Array.isArray(raw)
    ? raw.filter((e): e is string => typeof e === "string")
    : typeof raw === "string"
      ? [raw]
      : [];
  return {
    sub: claims.sub,
    vopersonId: typeof claims.voperson_id === "string" ? claims.voperson_id : null,
    name: typeof claims.name === "string" ? claims.name : null,
    email: typeof claims.email === "string" ? claims.email : null,
    entitlements,
  };
}

/** `Authorization: Bearer <token>` -> token; undefined when absent; UNAUTHENTICATED when malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated("The Authorization header must be 'Bearer <access token>'.");
  return match[1];
}
