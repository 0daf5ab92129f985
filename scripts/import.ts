/**
 * `npm run import -- --format <glue2-json|glue2-ldif|gocdb-xml> [--site ID] <file>`: imports
 * what a site publishes into the registry through the gateway, as the logged-in operator.
 * `--from ldap://site-bdii:2170 [--base o=glue]` reads a BDII over LDAP instead of a file, and
 * `--from https://goc.egi.eu/gocdbpi/public/?method=get_site&sitename=X` GOCDB (harvest.ts).
 *
 * The file is read and parsed here first, so a broken document is reported (with line and
 * column) before anything is sent; then the server applies it in one transaction. Progress goes
 * to stderr (reading, parsing, uploading, applying with elapsed time), the report to stdout.
 * A GLUE 2.0 JSON document of several sites needs no --site: it is imported as a whole.
 *
 * Token: --token, or $GRIDGRAPH_TOKEN, or the file `npm run login` writes. Gateway: --gateway,
 * or $GRIDGRAPH_URL, or http://127.0.0.1:4000/graphql.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import path from "node:path";
import { fromGlue2Json, Glue2JsonError } from "../subgraphs/sites/src/capabilities/domain/glue2-json";
import {
  LdifContentError,
  LdifSiteUnknown,
  readGlue2Ldif,
} from "../subgraphs/sites/src/capabilities/domain/glue2-ldif";
import { GocdbFormatError, parseGocdbXml } from "../subgraphs/sites/src/capabilities/domain/gocdb-xml";
import type { ImportReport } from "../subgraphs/sites/src/capabilities/domain/import-report";
import { LdifSyntaxError } from "../subgraphs/sites/src/capabilities/domain/ldif";
import { CommandFailed, gatewayUrlFrom, readCommandLine, tokenFromEnvironment } from "./cli";
import { harvest, HarvestFailed } from "../subgraphs/sites/src/capabilities/domain/harvest-source";

export const FORMATS = {
  "glue2-json": "GLUE2_JSON",
  "glue2-ldif": "GLUE2_LDIF",
  "gocdb-xml": "GOCDB_XML",
} as const;
export type FormatName = keyof typeof FORMATS;

export interface ImportOptions {
  format: FormatName;
  /** A file to read, or (with `from`) nothing. */
  file: string;
  /** Read from the source instead: a BDII (ldap://) or a GOCDB PI URL (https://). */
  from?: string;
  /** LDAP base of a BDII harvest (default: the URL's path, else o=glue). */
  base?: string;
  site: string | null;
  /** Apply even when the import removes more than the server's share of a site's records. */
  allowRemovals?: boolean;
  gatewayUrl: string;
  token: string;
}

/** Where progress and results go; a TTY gets one updating line, anything else one line per step. */
export interface ImportOutput {
  progress: NodeJS.WritableStream & { isTTY?: boolean };
  result: NodeJS.WritableStream;
}

export class ImportFailed extends CommandFailed {}

const mb = (bytes: number) =>
  bytes < 1_048_576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`;

async function readWithProgress(
  file: string,
  tty: boolean,
  say: (line: string, final?: boolean) => void,
): Promise<string> {
  const size = statSync(file).size;
  const chunks: Buffer[] = [];
  let read = 0;
  let shown = -1;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    chunks.push(chunk as Buffer);
    read += (chunk as Buffer).length;
    const percent = size ? Math.floor((read / size) * 100) : 100;
    if (percent >= shown + 10 || read === size) {
      shown = percent;
      say(`reading ${path.basename(file)}: ${mb(read)} of ${mb(size)} (${percent}%)`, read === size || !tty);
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses locally: what the document holds, or why it cannot be read. */
function survey(format: FormatName, text: string, site: string | null): { summary: string; sites: string[] } {
  try {
    if (format === "glue2-json") {
      const { records, warnings } = fromGlue2Json(text);
      const parts = records.reduce(
        (n, r) => n + r.endpoints.length + r.shares.length + r.environments.length,
        0,
      );
      return {
        summary: `${records.length} site(s), ${parts} endpoints/queues/environments, ${warnings.length} warning(s)`,
        sites: records.map((r) => r.site.id),
      };
    }
    if (format === "glue2-ldif") {
      const { records, warnings } = readGlue2Ldif(text, site);
      const [r] = records;
      return {
        summary: `${r.endpoints.length} endpoint(s), ${r.shares.length} queue(s), ${r.environments.length} environment(s), ${r.applications.length} application(s), ${r.storageEndpoints.length} storage endpoint(s), ${warnings.length} warning(s)`,
        sites: [r.site.id],
      };
    }
    const doc = parseGocdbXml(text);
    const named = new Set([
      ...doc.sites.map((x) => x.shortName),
      ...doc.endpoints.map((x) => x.siteName),
      ...doc.downtimes.map((x) => x.hostedBy),
    ]);
    return {
      summary: `${doc.sites.length} site(s), ${doc.endpoints.length} endpoint(s), ${doc.downtimes.length} downtime(s)`,
      sites: [...named].filter(Boolean),
    };
  } catch (error) {
    // A dump that does not name its site: --site says it (or the check below asks for it).
    if (error instanceof LdifSiteUnknown) return { summary: "a dump that names no site", sites: [] };
    if (
      error instanceof LdifSyntaxError ||
      error instanceof LdifContentError ||
      error instanceof GocdbFormatError ||
      error instanceof Glue2JsonError
    ) {
      throw new ImportFailed(`The document cannot be read: ${error.message}`);
    }
    throw error;
  }
}

export async function runImport(options: ImportOptions, out: ImportOutput): Promise<ImportReport[]> {
  const tty = Boolean(out.progress.isTTY);
  const started = Date.now();
  const say = (line: string, final = true) => {
    if (tty) out.progress.write(`\r\x1b[2K${line}${final ? "\n" : ""}`);
    else if (final) out.progress.write(`${line}\n`);
  };

  let text: string;
  if (options.from) {
    say(`harvesting ${options.from}...`, false);
    try {
      text = await harvest(options.from, { base: options.base });
    } catch (error) {
      if (error instanceof HarvestFailed) throw new ImportFailed(`${error.message} Nothing was imported.`);
      throw error;
    }
    say(`harvested ${mb(Buffer.byteLength(text))} from ${options.from}`);
  } else {
    if (!existsSync(options.file)) throw new ImportFailed(`No such file: ${options.file}`);
    text = await readWithProgress(options.file, tty, say);
  }
  say(`parsing ${options.format}...`, false);
  const { summary, sites } = survey(options.format, text, options.site);
  say(`parsed: ${summary}`);

  const many = options.format === "glue2-json" && !options.site;
  let site = options.site;
  if (!many && !site && options.format !== "glue2-json" && sites.length === 1) {
    site = sites[0]; // GOCDB's answer and a BDII dump name their site
    say(`site: ${site} (named by the document)`);
  }
  if (!many && !site) {
    throw new ImportFailed(
      `--site is required for ${options.format} (the GOCDB short name, e.g. CYFRONET-LCG2).`,
    );
  }
  const query = many
    ? `mutation($doc: String!, $allow: Boolean!) { importRegistry(document: $doc, allowRemovals: $allow) { siteId created updated unchanged removed warnings } }`
    : `mutation($doc: String!, $site: ID!, $format: CapabilityFormat!, $allow: Boolean!) { importSiteCapabilities(siteId: $site, format: $format, document: $doc, allowRemovals: $allow) { siteId created updated unchanged removed warnings } }`;
  const allow = options.allowRemovals ?? false;
  const body = JSON.stringify({
    query,
    variables: many ? { doc: text, allow } : { doc: text, site, format: FORMATS[options.format], allow },
  });

  say(
    `sending ${mb(Buffer.byteLength(body))} to ${options.gatewayUrl}${many ? ` (${sites.length} sites)` : ""}...`,
  );
  const applyingSince = Date.now();
  const ticker = setInterval(
    () =>
      say(
        `applying on the server, one transaction... ${Math.round((Date.now() - applyingSince) / 1000)} s`,
        !tty,
      ),
    tty ? 1000 : 10_000,
  );
  let answer: {
    data?: Record<string, ImportReport | ImportReport[]> | null;
    errors?: { message: string; extensions?: any }[];
  };
  try {
    const response = await fetch(options.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${options.token}` },
      body,
    });
    answer = (await response.json()) as typeof answer;
  } catch (error) {
    throw new ImportFailed(
      `The gateway at ${options.gatewayUrl} is not answering (${(error as Error).message}); is it running?`,
    );
  } finally {
    clearInterval(ticker);
  }
  if (answer.errors?.length) {
    const error = answer.errors[0];
    const problems: { message: string }[] = error.extensions?.problems ?? [];
    // An unavailable service may have been cut off mid-import: whether it changed anything is
    // then not known here, and the CLI does not claim it.
    const outcome =
      error.extensions?.code === "SUBGRAPH_UNAVAILABLE"
        ? "Import not confirmed (SUBGRAPH_UNAVAILABLE)"
        : `Import refused (${error.extensions?.code ?? "ERROR"}), nothing was changed`;
    throw new ImportFailed(
      [`${outcome}: ${problems.length ? "" : error.message}`]
        .concat(problems.map((p) => `  - ${p.message}`))
        .join("\n"),
    );
  }
  const result = answer.data![many ? "importRegistry" : "importSiteCapabilities"];
  const reports = Array.isArray(result) ? result : [result];
  say(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const r of reports) {
    out.result.write(
      `${r.siteId}: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.removed} removed, ${r.warnings.length} warning(s)\n`,
    );
    for (const w of r.warnings) out.result.write(`  warning: ${w}\n`);
  }
  return reports;
}

const USAGE = `Usage: npm run import -- --format <${Object.keys(FORMATS).join("|")}> [--site ID] [--allow-removals] [--token T] [--gateway URL] <file | --from URL [--base DN]>`;

async function main() {
  const { values, positionals } = readCommandLine(
    {
      format: { type: "string" },
      site: { type: "string" },
      token: { type: "string" },
      gateway: { type: "string" },
      "allow-removals": { type: "boolean" },
      from: { type: "string" },
      base: { type: "string" },
    },
    USAGE,
  );
  const { format, token } = values;
  const site = values.site ?? null;
  const gatewayUrl = gatewayUrlFrom(values.gateway);
  const [file, ...extra] = positionals;
  if (extra.length) {
    process.stderr.write(`One file at a time; got ${positionals.length}.\n${USAGE}\n`);
    process.exit(2);
  }
  if (!format || !(format in FORMATS) || (!file && !values.from) || (file && values.from)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  try {
    await runImport(
      {
        format: format as FormatName,
        file: file ?? "",
        from: values.from,
        base: values.base,
        site,
        allowRemovals: values["allow-removals"] ?? false,
        gatewayUrl,
        token: tokenFromEnvironment(token),
      },
      { progress: process.stderr, result: process.stdout },
    );
  } catch (error) {
    if (!(error instanceof CommandFailed)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

if (require.main === module) void main();
