/**
 * The gateway's signed statement of who is calling, sent to subgraphs as
 * `x-gridgraph-assertion` (see docs/decisions/0007-identity-reaches-subgraphs-as-signed-assertion.md).
 * Subgraphs believe nothing else: no Authorization header, no user-id headers.
 */
import {
  SignJWT,
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from "jose";
import { unauthenticated } from "./errors";
import type { Viewer } from "./identity";

export const ASSERTION_HEADER = "x-gridgraph-assertion";
const ISSUER = "gridgraph-gateway";
/**
 * Each assertion names the one subgraph it is for: an assertion captured at one service (or by
 * a look-alike registered in its place) is refused by every other.
 */
export const assertionAudience = (service: string) => `gridgraph:${service}`;
const ALG = "ES256";
const LIFETIME_S = 120;

export interface AssertionKeys {
  privateJwk: JWK;
  publicJwks: JSONWebKeySet;
}

/** An ES256 key pair as JWKs (kid `<prefix>-<time>`): the private key and its public key set. */
export async function generateSigningKeys(kidPrefix: string): Promise<AssertionKeys> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = `${kidPrefix}-${Date.now().toString(36)}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG, use: "sig" };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: "sig" };
  return { privateJwk, publicJwks: { keys: [publicJwk] } };
}

export const generateAssertionKeys = () => generateSigningKeys("gg");

export class AssertionSigner {
  private key?: Promise<CryptoKey | Uint8Array>;
  constructor(private readonly privateJwk: JWK) {}

  /** An assertion of `viewer` for the subgraph named `service` only. */
  async sign(viewer: Viewer, service: string): Promise<string> {
    this.key ??= importJWK(this.privateJwk, ALG);
    return new SignJWT({
      voperson_id: viewer.vopersonId ?? undefined,
      name: viewer.name ?? undefined,
      email: viewer.email ?? undefined,
      ent: viewer.entitlements,
    })
      .setProtectedHeader({ alg: ALG, kid: this.privateJwk.kid })
      .setSubject(viewer.sub)
      .setIssuer(ISSUER)
      .setAudience(assertionAudience(service))
      .setIssuedAt()
      .setExpirationTime(`${LIFETIME_S}s`)
      .sign(await this.key);
  }
}

/** Verifies assertions with the gateway's public keys, given directly or fetched from its JWKS URL. */
export class AssertionVerifier {
  private readonly keys: JWTVerifyGetKey;
  constructor(source: { jwks: JSONWebKeySet } | { jwksUrl: string }) {
    this.keys =
      "jwks" in source
        ? createLocalJWKSet(source.jwks)
        : createRemoteJWKSet(new URL(source.jwksUrl), { cooldownDuration: 1000, cacheMaxAge: 10 * 60_000 });
  }

  /**
   * No header: anonymous. A header that does not verify, or that was made for another service
   * than `service`: UNAUTHENTICATED, never anonymous.
   */
  async verify(header: string | undefined, service: string): Promise<Viewer | null> {
    if (header === undefined || header === "") return null;
    try {
      const { payload } = await jwtVerify(header, this.keys, {
        issuer: ISSUER,
        audience: assertionAudience(service),
        algorithms: [ALG],
        clockTolerance: 30,
      });
      if (typeof payload.sub !== "string" || !payload.sub) throw new Error("no subject");
      return {
        sub: payload.sub,
        vopersonId: (payload.voperson_id as string | undefined) ?? null,
        name: (payload.name as string | undefined) ?? null,
        email: (payload.email as string | undefined) ?? null,
        entitlements: Array.isArray(payload.ent) ? (payload.ent as string[]) : [],
      };
    } catch (error) {
      throw unauthenticated(
        `The identity assertion from the gateway is not valid (${(error as Error).message}).`,
      );
    }
  }
}
