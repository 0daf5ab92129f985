/**
 * `npm run -s token -- <user> [--opaque]`: prints an access token for a demo user of the local
 * identity provider that `npm start` runs, e.g.
 *   TOKEN=$(npm run -s token -- alice)
 *   curl -H "Authorization: Bearer $TOKEN" ...
 */
import { DEFAULT_PORTS } from "@gridgraph/kit";
import {
  API_RESOURCE,
  CLI_CLIENT_ID,
  DEMO_PASSWORD,
  DEMO_USERS,
  OPAQUE_RESOURCE,
} from "../gateway/src/local-idp";
import { readCommandLine } from "./cli";

const USAGE = "Usage: npm run -s token -- <user> [--opaque]";

async function main() {
  const { values, positionals } = readCommandLine({ opaque: { type: "boolean" } }, USAGE);
  const user = positionals.length === 1 ? DEMO_USERS.find((u) => u.username === positionals[0]) : undefined;
  if (!user) {
    console.error(`${USAGE}\nDemo users:`);
    for (const u of DEMO_USERS) console.error(`  ${u.username.padEnd(6)} ${u.description}`);
    process.exit(2);
  }
  const issuer =
    process.env.OIDC_ISSUER ?? `http://127.0.0.1:${process.env.IDP_PORT ?? DEFAULT_PORTS.identity}`;
  const body = new URLSearchParams({
    grant_type: "password",
    client_id: CLI_CLIENT_ID,
    username: user.username,
    password: DEMO_PASSWORD,
    resource: values.opaque ? OPAQUE_RESOURCE : API_RESOURCE,
  });
  let res: Response;
  try {
    res = await fetch(`${issuer}/token`, { method: "POST", body });
  } catch {
    console.error(`The local identity provider at ${issuer} is not answering; is \`npm start\` running?`);
    process.exit(1);
  }
  const json = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!json.access_token) {
    console.error(`${issuer} refused: ${json.error}: ${json.error_description}`);
    process.exit(1);
  }
  console.log(json.access_token);
}

void main();
