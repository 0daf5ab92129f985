import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { createParser, type EventSourceMessage } from "eventsource-parser";
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

/** Where a command talks to the graph, and as whom. */
export interface GatewayCommandClient {
  gatewayUrl: string;
  token: string;
}

/** One GraphQL request; an error answer becomes a CommandFailed with its code and message (and problems). */
export async function graphql<T>(
  client: GatewayCommandClient,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(client.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${client.token}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new CommandFailed(
      `The gateway at ${client.gatewayUrl} cannot be reached: ${(error as Error).message}`,
    );
  }
  const body = (await response.json().catch(() => null)) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string; problems?: { message: string }[] } }[];
  } | null;
  const error = body?.errors?.[0];
  if (error) {
    const problems = error.extensions?.problems?.map((p) => `\n  - ${p.message}`).join("") ?? "";
    throw new CommandFailed(
      `${error.extensions?.code ?? "ERROR"}: ${problems ? "the request has problems:" + problems : error.message}`,
    );
  }
  if (!body?.data) throw new CommandFailed(`The gateway answered ${response.status} without data.`);
  return body.data;
}

export const gatewayBase = (client: GatewayCommandClient) => client.gatewayUrl.replace(/\/graphql\/?$/, "");

/**
 * Reads a server-sent event stream at the gateway until `onEvent` says it has ended,
 * reconnecting with Last-Event-ID when the stream is cut (the gateway or a service restarting).
 */
export async function followEventStream(
  client: GatewayCommandClient,
  streamPath: string,
  onEvent: (event: EventSourceMessage) => boolean,
): Promise<void> {
  let lastId: string | undefined;
  let ended = false;
  for (let attempt = 0; !ended; attempt++) {
    const response = await fetch(`${gatewayBase(client)}${streamPath}`, {
      headers: {
        authorization: `Bearer ${client.token}`,
        accept: "text/event-stream",
        ...(lastId ? { "last-event-id": lastId } : {}),
      },
    }).catch(() => null);
    if (!response || !response.ok || !response.body) {
      if (response && response.status < 500)
        throw new CommandFailed(`${streamPath}: ${response.status} ${await response.text()}`);
      if (attempt > 30) throw new CommandFailed(`The event stream ${streamPath} is unavailable.`);
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    const parser = createParser({
      onEvent: (event) => {
        if (event.id) lastId = event.id;
        if (onEvent(event)) ended = true;
      },
    });
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
        parser.feed(decoder.decode(chunk, { stream: true }));
    } catch {
      // cut off: resume after the last event seen
    }
  }
}

/** Runs a command's function as the process: its exit code, or a CommandFailed's message and exit 1. */
export function runAsProcess(
  command: (args: string[], out: NodeJS.WriteStream, err: NodeJS.WriteStream) => Promise<number>,
): void {
  command(process.argv.slice(2), process.stdout, process.stderr).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (!(error instanceof CommandFailed)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
