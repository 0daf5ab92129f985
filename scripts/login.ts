/**
 * `npm run login`: log in a person at an OIDC provider with the device authorization grant
 * (openid-client), store the tokens, and print the access token for scripts:
 *
 *   npm run -s login -- --issuer https://aai.egi.eu/auth/realms/egi --client-id <your client>
 *   TOKEN=$(npm run -s login)            # local identity provider of `npm start`
 *
 * It prints where to go and which code to enter, waits while you approve, and saves the
 * result to ~/.config/gridgraph/token.json (mode 600). Progress goes to stderr, so stdout
 * carries only the token.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import * as oidc from "openid-client";
import { DEFAULT_PORTS } from "@gridgraph/kit";
import { API_RESOURCE, CLI_CLIENT_ID } from "../gateway/src/local-idp";
import { readCommandLine } from "./cli";

export interface LoginOptions {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  scope: string;
  resource?: string;
  tokenFile: string;
  /** Where to tell the person to go; the default prints to stderr. */
  prompt?: (verificationUri: string, userCode: string, complete?: string) => void;
}

export async function login(options: LoginOptions) {
  const insecure = options.issuer.startsWith("http://");
  const config = await oidc.discovery(
    new URL(options.issuer),
    options.clientId,
    options.clientSecret ? undefined : { token_endpoint_auth_method: "none" },
    options.clientSecret ? oidc.ClientSecretPost(options.clientSecret) : oidc.None(),
    insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
  );
  const parameters: Record<string, string> = { scope: options.scope };
  if (options.resource) parameters.resource = options.resource;
  const device = await oidc.initiateDeviceAuthorization(config, parameters);
  (options.prompt ?? defaultPrompt)(
    device.verification_uri,
    device.user_code,
    device.verification_uri_complete,
  );
  const tokens = await oidc.pollDeviceAuthorizationGrant(
    config,
    device,
    options.resource ? { resource: options.resource } : undefined,
  );
  mkdirSync(path.dirname(options.tokenFile), { recursive: true });
  const saved = {
    issuer: options.issuer,
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token ?? null,
    expires_at: tokens.expires_in ? new Date(Date.now() + tokens.expires_in * 1000).toISOString() : null,
  };
  writeFileSync(options.tokenFile, JSON.stringify(saved, null, 2), { mode: 0o600 });
  chmodSync(options.tokenFile, 0o600);
  return saved;
}

function defaultPrompt(uri: string, code: string, complete?: string) {
  process.stderr.write(`\nTo log in, open ${complete ?? uri}\nand confirm the code ${code}. Waiting...\n`);
}

const USAGE =
  "Usage: npm run -s login -- [--issuer URL] [--client-id ID] [--client-secret S] [--scope S] [--resource URI] [--token-file F]";

async function main() {
  const { values } = readCommandLine(
    {
      issuer: { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      scope: { type: "string" },
      resource: { type: "string" },
      "token-file": { type: "string" },
    },
    USAGE,
  );
  const arg = (name: keyof typeof values) => values[name];
  const issuer =
    arg("issuer") ??
    process.env.OIDC_ISSUER ??
    `http://127.0.0.1:${process.env.IDP_PORT ?? DEFAULT_PORTS.identity}`;
  const local = arg("issuer") === undefined && process.env.OIDC_ISSUER === undefined;
  const tokenFile = arg("token-file") ?? path.join(homedir(), ".config", "gridgraph", "token.json");
  try {
    const saved = await login({
      issuer,
      clientId: arg("client-id") ?? process.env.OIDC_CLIENT_ID ?? CLI_CLIENT_ID,
      clientSecret: arg("client-secret") ?? process.env.OIDC_CLIENT_SECRET,
      scope: arg("scope") ?? "openid profile email eduperson_entitlement offline_access",
      resource: arg("resource") ?? (local ? API_RESOURCE : undefined),
      tokenFile,
    });
    process.stderr.write(
      `Logged in. Token saved to ${tokenFile}${saved.expires_at ? `, valid until ${saved.expires_at}` : ""}.\n`,
    );
    console.log(saved.access_token);
  } catch (error) {
    process.stderr.write(`Login at ${issuer} failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

if (require.main === module) void main();
