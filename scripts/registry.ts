/**
 * `npm run registry -- <command>`: the operators' view of the service registry.
 *   list [--limit N]                         supergraph versions, newest first, with their subgraph versions
 *   subgraphs                                the live version of each subgraph
 *   diff A B                                 what changed for clients between two supergraph versions
 *   rollback V                               make version V live again (recorded as a new version)
 *   check <subgraph> <sdl-file> [--url U]    composition, breaking changes weighed by usage, lint; stores nothing
 *   publish <subgraph> <sdl-file> --url U [--approve WHO] [--reason TEXT]
 * The registry is REGISTRY_URL (or --registry); the operator secret is REGISTRY_OPERATOR_SECRET,
 * or the file `npm start` leaves in the data folder. Exit 0 on success, 1 when the registry
 * refused or a check failed, 2 for a bad command line.
 */
import { readFileSync } from "node:fs";
import { ConfigReader, readRegistryUrl } from "@gridgraph/kit";
import type { SchemaChange } from "../registry/src/domain/schema-checks";
import { readOperatorSecret } from "../registry/src/operator-secret";
import type { SupergraphSummary } from "../registry/src/store";
import { readCommandLine } from "./cli";

const USAGE = `Usage: npm run registry -- <command>
  list [--limit N]
  subgraphs
  diff <from-version> <to-version>
  rollback <version>
  check <subgraph> <sdl-file> [--url URL]
  publish <subgraph> <sdl-file> --url URL [--approve WHO] [--reason TEXT]
Options: --registry URL (default REGISTRY_URL or http://127.0.0.1:4100)`;

const { values, positionals } = readCommandLine(
  {
    registry: { type: "string" },
    limit: { type: "string" },
    url: { type: "string" },
    approve: { type: "string" },
    reason: { type: "string" },
  },
  USAGE,
);

function usage(problem?: string): never {
  if (problem) process.stderr.write(`${problem}\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

const registryUrl = (values.registry ?? readRegistryUrl(new ConfigReader("registry CLI"))).replace(/\/$/, "");
const secret = readOperatorSecret();

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  if (!secret)
    usage(
      "No operator secret: set REGISTRY_OPERATOR_SECRET (npm start leaves one in .data/registry-operator-secret).",
    );
  let res: Response;
  try {
    res = await fetch(`${registryUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (error) {
    console.error(`The registry at ${registryUrl} did not answer: ${(error as Error).cause ?? error}`);
    process.exit(1);
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* keep the text */
  }
  return { status: res.status, body: parsed };
}

function refuse(status: number, body: any): never {
  const errors: unknown[] = body?.errors ?? [body?.error ?? body];
  console.error(`The registry refused (${status}):`);
  for (const e of errors)
    console.error(`  ${typeof e === "string" ? e : ((e as any)?.message ?? JSON.stringify(e))}`);
  process.exit(1);
}

const version = (text: string | undefined, what: string) => {
  const n = Number(text);
  if (!text || !Number.isSafeInteger(n) || n <= 0) usage(`${what} must be a supergraph version number.`);
  return n;
};

function printChanges(changes: SchemaChange[]) {
  if (changes.length === 0) {
    console.log("  no change for clients");
    return;
  }
  for (const change of changes) {
    const schema = change.schemaSeverity !== change.severity ? ` (schema: ${change.schemaSeverity})` : "";
    console.log(`  ${change.severity.padEnd(9)} ${change.message}${schema}`);
    for (const user of change.usedBy.slice(0, 10))
      console.log(`            used by ${user.client} / ${user.operation} (${user.count} times)`);
  }
}

function printCheck(body: any) {
  if (body.missing?.length) console.log(`Waiting for subgraphs: ${body.missing.join(", ")}`);
  if (body.unchanged) console.log("Same URL and SDL as the live version: nothing would change.");
  console.log("Changes:");
  printChanges(body.changes ?? []);
  if (body.warnings?.length) {
    console.log(`Warnings (${body.warnings.length}):`);
    for (const w of body.warnings.slice(0, 50)) console.log(`  ${w}`);
    if (body.warnings.length > 50) console.log(`  ... and ${body.warnings.length - 50} more`);
  }
}

async function main() {
  const [command, ...args] = positionals;
  switch (command) {
    case "list": {
      const limit = values.limit ? version(values.limit, "--limit") : 20;
      const { status, body } = await call("GET", `/supergraphs?limit=${limit}`);
      if (status !== 200) refuse(status, body);
      const rows = body as SupergraphSummary[];
      if (rows.length === 0) console.log("No supergraph yet.");
      for (const row of rows) {
        console.log(
          `${String(row.version).padStart(4)}  ${row.id}  ${row.composedAt}  ${row.reason} (by ${row.createdBy})`,
        );
        console.log(`      ${row.subgraphs.map((s) => `${s.name}@${s.version}`).join("  ")}`);
        for (const s of row.subgraphs.filter((s) => s.approvedBy))
          console.log(`      ${s.name}@${s.version}: breaking change approved by ${s.approvedBy}`);
      }
      return;
    }
    case "subgraphs": {
      const { status, body } = await call("GET", "/subgraphs");
      if (status !== 200) refuse(status, body);
      for (const s of body as { name: string; version: number; url: string }[])
        console.log(`${s.name.padEnd(18)} version ${String(s.version).padEnd(5)} ${s.url}`);
      return;
    }
    case "diff": {
      if (args.length !== 2) usage("diff needs two supergraph versions.");
      const [from, to] = [version(args[0], "from"), version(args[1], "to")];
      const { status, body } = await call("GET", `/supergraphs/diff?from=${from}&to=${to}`);
      if (status !== 200) refuse(status, body);
      console.log(`Supergraph ${from} -> ${to}`);
      for (const s of body.subgraphs as { name: string; from: number | null; to: number | null }[])
        console.log(`  subgraph ${s.name}: version ${s.from ?? "none"} -> ${s.to ?? "none"}`);
      console.log("Changes:");
      printChanges(body.changes);
      return;
    }
    case "rollback": {
      if (args.length !== 1) usage("rollback needs one supergraph version.");
      const target = version(args[0], "version");
      const { status, body } = await call("POST", `/supergraphs/${target}/rollback`);
      if (status !== 200) refuse(status, body);
      console.log(
        body.changed
          ? `Supergraph ${target} is live again as version ${body.supergraph.version} (${body.supergraph.id}); gateways pick it up at their next poll.`
          : `Supergraph ${target} is already what is live (version ${body.supergraph.version}); nothing changed.`,
      );
      return;
    }
    case "check":
    case "publish": {
      if (args.length !== 2) usage(`${command} needs a subgraph name and an SDL file.`);
      const [name, file] = args;
      let sdl: string;
      try {
        sdl = readFileSync(file, "utf8");
      } catch (error) {
        usage(`Cannot read ${file}: ${(error as Error).message}`);
      }
      if (command === "check") {
        const { status, body } = await call("POST", `/subgraphs/${encodeURIComponent(name)}/check`, {
          sdl,
          ...(values.url ? { url: values.url } : {}),
        });
        if (status !== 200) refuse(status, body);
        printCheck(body);
        if (!body.ok) {
          console.log("Refused:");
          for (const e of body.errors) console.log(`  ${e}`);
          process.exit(1);
        }
        console.log("Check passed.");
        return;
      }
      if (!values.url) usage("publish needs --url (the subgraph's routing URL).");
      const approval = values.approve ? { by: values.approve, reason: values.reason } : undefined;
      const { status, body } = await call("PUT", `/subgraphs/${encodeURIComponent(name)}`, {
        url: values.url,
        sdl,
        ...(approval ? { approval } : {}),
      });
      if (status === 409) {
        printCheck(body);
        refuse(status, body);
      }
      if (status !== 200) refuse(status, body);
      printCheck(body);
      console.log(
        `${body.status === "unchanged" ? "Unchanged" : "Published"}: ${name} version ${body.subgraphVersion}; supergraph version ${body.supergraphVersion ?? "none yet"}.`,
      );
      return;
    }
    default:
      usage(command ? `Unknown command '${command}'.` : undefined);
  }
}

void main();
