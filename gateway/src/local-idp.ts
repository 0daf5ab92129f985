/**
 * The embedded identity provider: a real OIDC provider (oidc-provider) with demo users whose
 * access tokens carry EGI Check-in style claims (`eduperson_entitlement`, `voperson_id`), so
 * everything can be tried without an external IdP. Production points the gateway at any
 * OIDC issuer instead (EGI Check-in: https://aai.egi.eu/auth/realms/egi).
 *
 * Tokens: JWT access tokens for the `gridgraph` audience; opaque ones when the resource
 * `urn:gridgraph:opaque` is asked for (exercises introspection). Demo users get tokens with
 * the password grant (local only) or, like real users, with the device flow.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import Provider, { errors, type Configuration } from "oidc-provider";
import type { Logger } from "@gridgraph/kit";
import { PEOPLE } from "@gridgraph/seeds/data/vos";

export const DEMO_PASSWORD = "demo";
export const API_AUDIENCE = "gridgraph";
/** The resource indicator (RFC 8707) clients ask tokens for; tokens for it carry `aud: gridgraph`. */
export const API_RESOURCE = "urn:gridgraph:api";
export const OPAQUE_RESOURCE = "urn:gridgraph:opaque";
export const CLI_CLIENT_ID = "gridgraph-cli";
export const GATEWAY_CLIENT = {
  clientId: "gridgraph-gateway",
  clientSecret: "gridgraph-gateway-local-secret",
};

const EGI = "urn:mace:egi.eu:group";
const AUTHORITY = "#aai.egi.eu";

export interface DemoUser {
  username: string;
  sub: string;
  name: string;
  email: string;
  entitlements: string[];
  description: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    username: "alice",
    sub: PEOPLE.alice,
    name: "Alice Lofar",
    email: "alice@lofar.example.org",
    entitlements: [`${EGI}:vo.lofar.eu:role=member${AUTHORITY}`],
    description: "LOFAR member (vo.lofar.eu); owns some LOFAR data and jobs",
  },
  {
    username: "lars",
    sub: "demo-lars-lofar-manager@egi.eu",
    name: "Lars Lofar-Manager",
    email: "lars@lofar.example.org",
    entitlements: [
      `${EGI}:vo.lofar.eu:role=member${AUTHORITY}`,
      `${EGI}:vo.lofar.eu:role=manager${AUTHORITY}`,
    ],
    description: "LOFAR manager: sees every vo.lofar.eu job",
  },
  {
    username: "erik",
    sub: PEOPLE.erik,
    name: "Erik Eiscat",
    email: "erik@eiscat.example.org",
    entitlements: [`${EGI}:vo.eiscat.se:role=member${AUTHORITY}`],
    description: "EISCAT member (vo.eiscat.se)",
  },
  {
    username: "sara",
    sub: "demo-sara-siteadmin@egi.eu",
    name: "Sara Site-Admin",
    email: "sara@surf.example.org",
    entitlements: [
      `${EGI}:gridgraph.egi.eu:sites:SARA-MATRIX:role=admin${AUTHORITY}`,
      `${EGI}:vo.lofar.eu:role=member${AUTHORITY}`,
    ],
    description: "administrator of site SARA-MATRIX, LOFAR member",
  },
  {
    username: "pat",
    sub: "demo-pat-platform@egi.eu",
    name: "Pat Platform",
    email: "pat@gridgraph.example.org",
    entitlements: [`${EGI}:gridgraph.egi.eu:admins:role=member${AUTHORITY}`],
    description: "platform administrator",
  },
];

export function findDemoUser(login: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.username === login || u.sub === login);
}

async function signingKey(keysFile?: string): Promise<JWK> {
  if (keysFile && existsSync(keysFile)) return JSON.parse(readFileSync(keysFile, "utf8")) as JWK;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = {
    ...(await exportJWK(privateKey)),
    kid: `local-${Date.now().toString(36)}`,
    alg: "RS256",
    use: "sig",
  };
  if (keysFile) {
    mkdirSync(path.dirname(keysFile), { recursive: true });
    writeFileSync(keysFile, JSON.stringify(jwk), { mode: 0o600 });
  }
  return jwk;
}

export interface LocalIdp {
  issuer: string;
  /** The provider's private signing key: tests use it to forge precisely broken tokens. */
  signingJwk: JWK;
  /** A token for a demo user through the password grant, as `npm run token` gets it. */
  tokenFor(username: string, options?: { resource?: string }): Promise<string>;
  stop(): Promise<void>;
}

export async function startLocalIdp(options: {
  port: number;
  host?: string;
  /** Persist the signing key here so tokens survive restarts (npm start); in memory otherwise. */
  keysFile?: string;
  /** The issuer URL clients and the gateway use, when it is not http://<host>:<port> (containers). */
  issuer?: string;
  logger: Logger;
}): Promise<LocalIdp> {
  const host = options.host ?? "127.0.0.1";
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = options.issuer ?? `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  const signingJwk = await signingKey(options.keysFile);

  const resourceServer = (resource: string) => ({
    scope: "openid profile email eduperson_entitlement",
    audience: API_AUDIENCE,
    accessTokenTTL: 3600,
    accessTokenFormat: resource === OPAQUE_RESOURCE ? ("opaque" as const) : ("jwt" as const),
    jwt: { sign: { alg: "RS256" as const } },
  });

  const configuration: Configuration = {
    clients: [
      {
        client_id: CLI_CLIENT_ID,
        token_endpoint_auth_method: "none",
        grant_types: ["password", "urn:ietf:params:oauth:grant-type:device_code", "refresh_token"],
        response_types: [],
        redirect_uris: [],
      },
      {
        client_id: GATEWAY_CLIENT.clientId,
        client_secret: GATEWAY_CLIENT.clientSecret,
        grant_types: [],
        response_types: [],
        redirect_uris: [],
      },
    ],
    jwks: { keys: [signingJwk as never] },
    scopes: ["openid", "profile", "email", "eduperson_entitlement", "offline_access"],
    claims: {
      openid: ["sub"],
      profile: ["name"],
      email: ["email"],
      eduperson_entitlement: ["eduperson_entitlement", "voperson_id"],
    },
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => resourceServer(resource),
      },
    },
    // The account id is the subject: the login form's value becomes the session's account id,
    // so people log in there with the full subject (e.g. demo-alice-lofar@egi.eu).
    findAccount: (_ctx, id) => {
      const user = DEMO_USERS.find((u) => u.sub === id);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        claims: () => ({
          sub: user.sub,
          name: user.name,
          email: user.email,
          eduperson_entitlement: user.entitlements,
          voperson_id: user.sub,
        }),
      };
    },
    extraTokenClaims: (_ctx, token) => {
      const user = findDemoUser((token as { accountId?: string }).accountId ?? "");
      if (!user) return undefined;
      return {
        eduperson_entitlement: user.entitlements,
        voperson_id: user.sub,
        name: user.name,
        email: user.email,
      };
    },
    ttl: { AccessToken: 3600, DeviceCode: 600, Grant: 3600, Session: 3600, Interaction: 600 },
  };

  const provider = new Provider(issuer, configuration);

  // Password grant for the demo users only: how `npm run token` and the tests get tokens
  // without a browser. Never enable this against real accounts.
  provider.registerGrantType(
    "password",
    async (ctx) => {
      const params = ctx.oidc.params as {
        username?: string;
        password?: string;
        resource?: string;
        scope?: string;
      };
      const user = params.username ? findDemoUser(params.username) : undefined;
      if (!user || params.password !== DEMO_PASSWORD)
        throw new errors.InvalidGrant("unknown demo user or wrong password");
      const client = ctx.oidc.client!;
      const resource = params.resource ?? API_RESOURCE;
      const scope = params.scope ?? "openid profile email eduperson_entitlement";
      const grant = new provider.Grant({ accountId: user.sub, clientId: client.clientId });
      grant.addOIDCScope("openid");
      grant.addResourceScope(resource, scope);
      const grantId = await grant.save();
      const at = new provider.AccessToken({ accountId: user.sub, client, grantId, gty: "password", scope });
      at.resourceServer = new provider.ResourceServer(resource, resourceServer(resource));
      const accessToken = await at.save();
      ctx.body = { access_token: accessToken, expires_in: at.expiration, token_type: "Bearer", scope };
    },
    ["username", "password", "resource", "scope"],
  );

  provider.on("server_error", (_ctx, error) => options.logger.error("identity provider error", { error }));
  const callback = provider.callback();
  server.on("request", callback);
  options.logger.info("local identity provider listening", {
    issuer,
    users: DEMO_USERS.map((u) => u.username),
  });

  return {
    issuer,
    signingJwk,
    async tokenFor(username, tokenOptions = {}) {
      const body = new URLSearchParams({
        grant_type: "password",
        client_id: CLI_CLIENT_ID,
        username,
        password: DEMO_PASSWORD,
        resource: tokenOptions.resource ?? API_RESOURCE,
      });
      const res = await fetch(`${issuer}/token`, { method: "POST", body });
      const json = (await res.json()) as {
        access_token?: string;
        error?: string;
        error_description?: string;
      };
      if (!json.access_token)
        throw new Error(`token for ${username}: ${json.error}: ${json.error_description}`);
      return json.access_token;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
