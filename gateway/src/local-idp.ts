/**
 * The embedded identity provider: a real OIDC provider (oidc-provider) with demo users whose
 * access tokens carry EGI Check-in style claims (`eduperson_entitlement`, `voperson_id`), so
 * everything can be tried without an external IdP. Production points the gateway at any
 * OIDC issuer instead (EGI Check-in: https://aai.egi.eu/auth/realms/egi).
 *
 * Tokens: JWT access tokens for the `gridgraph` audience; opaque ones when the resource
 * `urn:gridgraph:opaque` is asked for (exercises introspection). Demo users get tokens with
 * the password grant (local only) or, like real users, with the device flow (the CLI) or the
 * authorization code flow with PKCE (the portal), signing in on this provider's own page.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import escapeHtml from "escape-html";
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
/** The science portal (served by the gateway at `/`): a public client, code flow with PKCE. */
export const PORTAL_CLIENT_ID = "gridgraph-portal";
/** Where the portal receives the authorization code, under each origin it is served from. */
export const PORTAL_CALLBACK_PATH = "/callback";
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
  /** Origins the portal is served from (the gateway's); its sign-in and sign-out return there. */
  portalOrigins?: string[];
  /** Access token lifetime (default an hour); short ones exercise clients' silent renewal. */
  accessTokenTtlSeconds?: number;
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
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 3600;

  const resourceServer = (resource: string) => ({
    scope: "openid profile email eduperson_entitlement",
    audience: API_AUDIENCE,
    accessTokenTTL: accessTokenTtl,
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
        client_id: PORTAL_CLIENT_ID,
        token_endpoint_auth_method: "none",
        application_type: "web",
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        redirect_uris: (options.portalOrigins ?? []).map((origin) => origin + PORTAL_CALLBACK_PATH),
        post_logout_redirect_uris: (options.portalOrigins ?? []).map((origin) => origin + "/"),
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
    // Sign-in is this provider's own page (below): demo users with the demo password.
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Every client here is gridgraph's own (CLI, portal): no consent page, the grant is made
    // for what the client asked (oidc-provider's "skip consent for first-party clients" recipe).
    loadExistingGrant: async (ctx) => {
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const params = ctx.oidc.params as { scope?: string; resource?: string | string[] };
      const scope = params.scope ?? "openid";
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope(scope);
      const resources = [params.resource ?? API_RESOURCE].flat();
      for (const resource of resources) grant.addResourceScope(resource, scope);
      await grant.save();
      return grant;
    },
    // The portal renews its access token silently with a refresh token (no offline_access
    // needed: it is a browser session, bounded by the refresh token's own lifetime).
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed("refresh_token") &&
      (code.scopes.has("offline_access") || client.clientId === PORTAL_CLIENT_ID),
    features: {
      devInteractions: { enabled: false },
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
    // The account id is the subject: the sign-in page (signIn below) turns the user name typed
    // (alice, or her subject demo-alice-lofar@egi.eu) into it.
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
    ttl: {
      AccessToken: accessTokenTtl,
      DeviceCode: 600,
      Grant: 3600,
      Session: 3600,
      Interaction: 600,
      RefreshToken: 8 * 3600,
    },
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
  server.on("request", (req, res) => {
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? "");
    if (!interaction) return void callback(req, res);
    signIn(provider, req, res, interaction[2] === "/login").catch((error: unknown) => {
      options.logger.warn("sign-in page failed", { error });
      if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      res.end(`Sign-in failed: ${(error as Error).message}. Start again from the application.`);
    });
  });
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

/**
 * The sign-in page (oidc-provider leaves interactions to the application): a demo user's name
 * or subject and the demo password. A wrong one shows the form again with the reason; the name
 * typed is kept.
 */
async function signIn(provider: Provider, req: IncomingMessage, res: ServerResponse, submitted: boolean) {
  const details = await provider.interactionDetails(req, res);
  if (submitted && req.method === "POST") {
    const form = new URLSearchParams(await readBody(req));
    const user = findDemoUser(form.get("login")?.trim() ?? "");
    if (user && form.get("password") === DEMO_PASSWORD) {
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.sub } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    return sendLoginPage(res, details.uid, form.get("login") ?? "", "Unknown user or wrong password.");
  }
  sendLoginPage(res, details.uid, "", undefined);
}

function sendLoginPage(res: ServerResponse, uid: string, login: string, problem: string | undefined) {
  const users = DEMO_USERS.map(
    (u) => `<li><code>${escapeHtml(u.username)}</code>: ${escapeHtml(u.description)}</li>`,
  );
  res.writeHead(problem ? 401 : 200, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in - gridgraph</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
label{display:block;margin-top:1rem}input{font-size:1rem;padding:.4rem;width:100%}
button{margin-top:1rem;font-size:1rem;padding:.5rem 1.2rem}.problem{color:#a00000}</style></head>
<body><main><h1>Sign in to gridgraph</h1>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
${problem ? `<p class="problem" role="alert">${escapeHtml(problem)}</p>` : ""}
<label for="login">User name or subject</label>
<input id="login" name="login" autocomplete="username" required value="${escapeHtml(login)}" autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<h2>Demo users (password <code>${DEMO_PASSWORD}</code>)</h2><ul>${users.join("")}</ul></main></body></html>`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) throw new Error("the form is too large");
  }
  return body;
}
