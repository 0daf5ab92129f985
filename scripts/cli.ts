import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { DEFAULT_PORTS } from "@gridgraph/kit";

/** A command that cannot go on: its message is for the user, printed without a stack (exit 1). */
export class CommandFailed extends Error {}

/** The caller's token: --token, or $GRIDGRAPH_TOKEN, or the file `npm run login` writes. */
export function tokenFromEnvironment(explicit: string | undefined): string {
  if (explicit) return explicit;
  if (process.env.GRIDGRAPH_TOKEN) return process.env.GRIDGRAPH_TOKEN;
  const file = path.join(homedir(), ".config", "gridgraph", "token.json");
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8")) as {
      access_token: string;
      expires_at: string | null;
    };
    if (saved.expires_at && new Date(saved.expires_at) < new Date()) {
      throw new CommandFailed(
        `The token in ${file} expired at ${saved.expires_at}; run \`npm run login\` again.`,
      );
    }
    return saved.access_token;
  }
  throw new CommandFailed(
    "No token: pass --token, set GRIDGRAPH_TOKEN, or run `npm run login` (locally: GRIDGRAPH_TOKEN=$(npm run -s token -- sara)).",
  );
}

/** The gateway's GraphQL URL: --gateway, or $GRIDGRAPH_URL, or this machine's gateway port. */
export function gatewayUrlFrom(explicit: string | undefined): string {
  const gatewayPort = process.env.GATEWAY_PORT ?? String(DEFAULT_PORTS.gateway);
  return explicit ?? process.env.GRIDGRAPH_URL ?? `http://127.0.0.1:${gatewayPort}/graphql`;
}

/**
 * The command line of a gridgraph script, read with node:util parseArgs: unknown options and
 * missing values are refused with the script's usage (exit 2) instead of being ignored.
 */
export function readCommandLine<T extends NonNullable<ParseArgsConfig["options"]>>(
  options: T,
  usage: string,
  args = process.argv.slice(2),
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    process.exit(2);
  }
}
