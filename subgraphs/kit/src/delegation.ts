/**
 * A service's call to the gateway on a user's behalf (decision 0015): the jobs service places a
 * job, reads its inputs' replicas and registers its outputs as the job's owner, long after the
 * owner's own request ended. It signs a short-lived token naming the owner and itself as the
 * actor (RFC 8693's `act` claim); the gateway accepts such tokens only from the services it is
 * configured to trust (DELEGATE_JWKS) and then treats the call like the owner's own: same
 * assertions to subgraphs, same visibility rules, same rate limits.
 */
import {
  SignJWT,
  createLocalJWKSet,
  decodeJwt,
  importJWK,
  jwtVerify,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from "jose";
import { generateSigningKeys } from "./assertion";
import { unauthenticated } from "./errors";
import type { Viewer } from "./identity";

const ALG = "ES256";
const LIFETIME_S = 120;
const ISSUER_PREFIX = "gridgraph-delegate:";
export const DELEGATION_AUDIENCE = "gridgraph-gateway";

/** A service's delegation key pair (tests; `npm start` makes them in scripts/start.ts). */
export const generateDelegationKeys = (service: string) => generateSigningKeys(service);

export class DelegationSigner {
  private key?: Promise<CryptoKey | Uint8Array>;
  constructor(
    readonly service: string,
    private readonly privateJwk: JWK,
  ) {}

  /** A token for the gateway naming `viewer`, with this service as the actor. */
  async sign(viewer: Viewer): Promise<string> {
    this.key ??= importJWK(this.privateJwk, ALG);
    return new SignJWT({
      voperson_id: viewer.vopersonId ?? undefined,
      name: viewer.name ?? undefined,
      email: viewer.email ?? undefined,
      ent: viewer.entitlements,
      act: { sub: `gridgraph:${this.service}` },
    })
      .setProtectedHeader({ alg: ALG, kid: this.privateJwk.kid })
      .setSubject(viewer.sub)
      .setIssuer(ISSUER_PREFIX + this.service)
      .setAudience(DELEGATION_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${LIFETIME_S}s`)
      .sign(await this.key);
  }
}

/** The gateway's side: which services may act for users, and their public keys. */
export class DelegationVerifier {
  private readonly keys = new Map<string, JWTVerifyGetKey>();

  constructor(trusted: Record<string, JSONWebKeySet>) {
    for (const [service, jwks] of Object.entries(trusted)) this.keys.set(service, createLocalJWKSet(jwks));
  }

  /** Is this bearer token a delegation (whatever its validity)? Other tokens go to the IdP. */
  static isDelegation(token: string): boolean {
    try {
      const iss = decodeJwt(token).iss;
      return typeof iss === "string" && iss.startsWith(ISSUER_PREFIX);
    } catch {
      return false;
    }
  }

  async verify(token: string): Promise<Viewer> {
    const service = (decodeJwt(token).iss ?? "").slice(ISSUER_PREFIX.length);
    const keys = this.keys.get(service);
    if (!keys) throw unauthenticated(`The gateway does not accept delegated calls from '${service}'.`);
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: ISSUER_PREFIX + service,
        audience: DELEGATION_AUDIENCE,
        algorithms: [ALG],
        clockTolerance: 30,
        requiredClaims: ["exp", "sub"],
      });
      return {
        sub: payload.sub!,
        vopersonId: (payload.voperson_id as string | undefined) ?? null,
        name: (payload.name as string | undefined) ?? null,
        email: (payload.email as string | undefined) ?? null,
        entitlements: Array.isArray(payload.ent) ? (payload.ent as string[]) : [],
      };
    } catch (error) {
      throw unauthenticated(`The delegated call from '${service}' was refused: ${(error as Error).message}.`);
    }
  }
}
