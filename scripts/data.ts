/**
 * `npm run data -- <command>`: staging and transfers from the command line, through the gateway.
 *   stage <dataset id>... [--site SITE] [--follow]             recall from tape to disk at the site
 *   transfer <dataset id>... --to SITE [--storage URL] [--follow]  copy to a site's storage endpoint
 *   preview stage|transfer <dataset id>... [--site SITE | --to SITE]  what it would move, from where
 *   status <request id>                                         per-file states, bytes, last errors
 *   follow <request id>                                         progress until the request ends
 *   cancel <request id>
 * Following shows a progress bar per file (bytes, rate, ETA) on a terminal, one line per event
 * otherwise (server-sent events at the gateway, no polling); the exit code is 0 only when every
 * file finished. Token and gateway as for `npm run job`.
 */
import { MultiBar, Presets, type SingleBar } from "cli-progress";
import {
  CommandFailed,
  runAsProcess,
  followEventStream,
  gatewayUrlFrom,
  graphql,
  readCommandLine,
  tokenFromEnvironment,
  type GatewayCommandClient,
} from "./cli";

const USAGE = `Usage: npm run data -- stage <dataset id>... [--site SITE] [--follow]
       npm run data -- transfer <dataset id>... --to SITE [--storage URL] [--follow]
       npm run data -- preview stage|transfer <dataset id>... [--site SITE | --to SITE]
       npm run data -- status <request id> | follow <request id> | cancel <request id>
  [--token T] [--gateway URL]`;

const REQUEST_FIELDS = `id kind state destinationSiteId destinationStorageUrl bytesTotal bytesDone eventsPath
  summary { submitted staging active finished failed canceled }
  files { datasetId state bytesTotal bytesDone attempts lastError checksumExpected checksumActual sourceSiteId }`;

interface RequestFile {
  datasetId: string;
  state: string;
  bytesTotal: number;
  bytesDone: number;
  attempts: number;
  lastError: string | null;
  checksumExpected: string | null;
  checksumActual: string | null;
  sourceSiteId: string | null;
}
interface DataRequest {
  id: string;
  kind: string;
  state: string;
  destinationSiteId: string;
  destinationStorageUrl: string;
  bytesTotal: number;
  bytesDone: number;
  eventsPath: string;
  summary: Record<string, number>;
  files: RequestFile[];
}

const size = (n: number) =>
  n >= 1e12
    ? `${(n / 1e12).toFixed(2)} TB`
    : n >= 1e9
      ? `${(n / 1e9).toFixed(2)} GB`
      : n >= 1e6
        ? `${(n / 1e6).toFixed(1)} MB`
        : `${n} B`;

function describe(request: DataRequest): string {
  const lines = [
    `${request.id}  ${request.kind} to ${request.destinationSiteId} (${request.destinationStorageUrl})`,
    `  state: ${request.state}, ${size(request.bytesDone)} of ${size(request.bytesTotal)}; files: ${Object.entries(
      request.summary,
    )
      .filter(([, n]) => n > 0)
      .map(([state, n]) => `${n} ${state}`)
      .join(", ")}`,
  ];
  for (const f of request.files)
    lines.push(
      `  ${f.datasetId}  ${f.state.padEnd(9)} ${size(f.bytesDone)}/${size(f.bytesTotal)} from ${f.sourceSiteId}, attempt ${f.attempts}` +
        (f.checksumActual
          ? `, ${f.checksumActual}${f.checksumActual === f.checksumExpected ? " verified" : ""}`
          : "") +
        (f.lastError && f.state !== "FINISHED" ? `\n      last error: ${f.lastError}` : ""),
    );
  return lines.join("\n") + "\n";
}

async function fetchRequest(client: GatewayCommandClient, id: string): Promise<DataRequest> {
  const { dataRequest } = await graphql<{ dataRequest: DataRequest | null }>(
    client,
    `query($id: ID!) { dataRequest(id: $id) { ${REQUEST_FIELDS} } }`,
    { id },
  );
  if (!dataRequest)
    throw new CommandFailed(`Data request '${id}' does not exist (or is not visible to you).`);
  return dataRequest;
}

/** Shows the request's progress until it ends; resolves to the exit code (0: every file finished). */
async function follow(
  client: GatewayCommandClient,
  id: string,
  out: NodeJS.WritableStream & { isTTY?: boolean },
): Promise<number> {
  const start = await fetchRequest(client, id);
  const tty = Boolean(out.isTTY);
  const bars = tty
    ? new MultiBar(
        {
          stream: out as NodeJS.WriteStream,
          format: " {dataset} |{bar}| {percentage}% {done}/{total} {rate} ETA {eta_formatted} {state}",
          hideCursor: true,
          clearOnComplete: false,
        },
        Presets.shades_classic,
      )
    : null;
  const perFile = new Map<string, { bar: SingleBar | null; total: number; startedAt: number }>();
  for (const f of start.files) {
    const payload = {
      dataset: f.datasetId,
      done: size(f.bytesDone),
      total: size(f.bytesTotal),
      rate: "",
      state: f.state,
    };
    perFile.set(f.datasetId, {
      bar: bars?.create(f.bytesTotal || 1, f.bytesDone, payload) ?? null,
      total: f.bytesTotal,
      startedAt: Date.now(),
    });
  }
  const say = (text: string) => (bars ? bars.log(`${text}\n`) : out.write(`${text}\n`));
  await followEventStream(client, start.eventsPath, (event) => {
    const data = JSON.parse(event.data) as {
      datasetId?: string | null;
      state?: string;
      bytesDone?: number | null;
      message?: string;
      at?: string;
      bytesTotal?: number;
    };
    if (event.event === "end") return true;
    const file = data.datasetId ? perFile.get(data.datasetId) : undefined;
    if (file && data.bytesDone != null) {
      const seconds = (Date.now() - file.startedAt) / 1000;
      const rate = seconds > 0 ? `${size(data.bytesDone / seconds)}/s` : "";
      file.bar?.update(data.bytesDone, {
        done: size(data.bytesDone),
        rate,
        ...(data.state ? { state: data.state } : {}),
      });
    }
    if (event.event === "request")
      say(
        `${(data.at ?? "").replace("T", " ").replace(/\.\d+Z$/, "Z")}  ${data.datasetId ?? "request"}  ${data.state}  ${data.message}`,
      );
    return false;
  });
  bars?.stop();
  const end = await fetchRequest(client, id);
  out.write(describe(end));
  return end.state === "FINISHED" ? 0 : 1;
}

/** Runs one command; resolves to the process's exit code. */
export async function runDataCommand(
  args: string[],
  out: NodeJS.WritableStream & { isTTY?: boolean },
  err: NodeJS.WritableStream,
): Promise<number> {
  const { values, positionals } = readCommandLine(
    {
      site: { type: "string" },
      to: { type: "string" },
      storage: { type: "string" },
      follow: { type: "boolean" },
      token: { type: "string" },
      gateway: { type: "string" },
    },
    USAGE,
    args,
  );
  const [command, ...rest] = positionals;
  if (!command || !rest.length) {
    err.write(`${USAGE}\n`);
    return 2;
  }
  const client: GatewayCommandClient = {
    gatewayUrl: gatewayUrlFrom(values.gateway),
    token: tokenFromEnvironment(values.token),
  };
  const inputFor = (kind: string, datasetIds: string[]) => {
    if (kind === "transfer" && !values.to) throw new CommandFailed(`transfer needs --to SITE.\n${USAGE}`);
    return {
      datasetIds,
      siteId: kind === "transfer" ? values.to : (values.site ?? null),
      storageUrl: values.storage ?? null,
    };
  };
  switch (command) {
    case "stage":
    case "transfer": {
      const mutation = command === "stage" ? "stageDatasets" : "transferDatasets";
      const data = await graphql<Record<string, { request: DataRequest }>>(
        client,
        `mutation($input: DataRequestInput!) { ${mutation}(input: $input) { request { ${REQUEST_FIELDS} } } }`,
        { input: inputFor(command, rest) },
      );
      const request = data[mutation].request;
      err.write(describe(request));
      if (!values.follow) {
        out.write(`${request.id}\n`);
        return 0;
      }
      return follow(client, request.id, out);
    }
    case "preview": {
      const [kind, ...ids] = rest;
      if ((kind !== "stage" && kind !== "transfer") || !ids.length) {
        err.write(`${USAGE}\n`);
        return 2;
      }
      const { previewDataRequest: p } = await graphql<{
        previewDataRequest: {
          destinationSiteId: string;
          destinationStorageUrl: string;
          bytesTotal: number;
          bytesToStage: number;
          files: { dataset: { id: string }; sourceSiteId: string; needsStaging: boolean; bytes: number }[];
        };
      }>(
        client,
        `
          query ($input: PreviewDataRequestInput!) {
            previewDataRequest(input: $input) {
              destinationSiteId
              destinationStorageUrl
              bytesTotal
              bytesToStage
              files {
                dataset {
                  id
                }
                sourceSiteId
                needsStaging
                bytes
              }
            }
          }
        `,
        { input: { kind: kind.toUpperCase(), ...inputFor(kind, ids) } },
      );
      out.write(
        `${kind} ${p.files.length} file(s), ${size(p.bytesTotal)} to ${p.destinationSiteId} (${p.destinationStorageUrl}); ${size(p.bytesToStage)} from tape\n`,
      );
      for (const f of p.files)
        out.write(
          `  ${f.dataset.id}  ${size(f.bytes)} from ${f.sourceSiteId}${f.needsStaging ? " (on tape: recalled first)" : ""}\n`,
        );
      return 0;
    }
    case "status":
      out.write(describe(await fetchRequest(client, rest[0])));
      return 0;
    case "follow":
      return follow(client, rest[0], out);
    case "cancel": {
      const data = await graphql<{ cancelDataRequest: { request: DataRequest } }>(
        client,
        `mutation($id: ID!) { cancelDataRequest(id: $id) { request { ${REQUEST_FIELDS} } } }`,
        { id: rest[0] },
      );
      out.write(describe(data.cancelDataRequest.request));
      return 0;
    }
    default:
      err.write(`Unknown command '${command}'.\n${USAGE}\n`);
      return 2;
  }
}

if (require.main === module) runAsProcess(runDataCommand);
