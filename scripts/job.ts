/**
 * `npm run job -- <command>`: jobs from the command line, through the gateway.
 *   submit <file.jdl | file.json> [--vo VO] [--follow]   a DIRAC JDL, or submitJob's input as JSON
 *   status <id>                                          status, placement and events
 *   follow <id>                                          events as they happen, until the job ends
 *   logs <id> [--stderr]                                 the whole stdout (or stderr)
 *   cancel <id>
 * With --follow (and `follow`) each event is printed as it happens (server-sent events at the
 * gateway, no polling), and the command exits with the job's exit code (1 for a job that ended
 * without one; for a collection, 0 only when every job completed).
 * Token and gateway as for `npm run import`: --token / $GRIDGRAPH_TOKEN / `npm run login`,
 * --gateway / $GRIDGRAPH_URL.
 */
import { readFileSync } from "node:fs";
import {
  CommandFailed,
  runAsProcess,
  followEventStream,
  gatewayBase as base,
  gatewayUrlFrom,
  graphql,
  readCommandLine,
  tokenFromEnvironment,
  type GatewayCommandClient,
} from "./cli";

const USAGE = `Usage: npm run job -- submit <file.jdl|file.json> [--vo VO] [--follow]
       npm run job -- status <id> | follow <id> | logs <id> [--stderr] | cancel <id>
  [--token T] [--gateway URL]`;

const JOB_FIELDS = `id name status nativeState exitCode statusReason site { id } queue endpointUrl account
  placementScore events { seq at status nativeState message source } eventsPath collection { id }`;

type Client = GatewayCommandClient;

interface EventData {
  jobId: string;
  seq: number;
  at: string;
  status: string;
  nativeState: string | null;
  message: string;
  source: string;
}

const line = (e: EventData, withJob: boolean) =>
  `${e.at.replace("T", " ").replace(/\.\d+Z$/, "Z")}  ${withJob ? `${e.jobId}  ` : ""}${e.status.padEnd(9)} ${
    e.nativeState ? `[${e.nativeState}] ` : ""
  }${e.message}${e.source !== "gridgraph" ? ` (${e.source})` : ""}`;

/** Prints events from the gateway's stream until it ends; returns the final statuses. */
async function follow(
  client: Client,
  path: string,
  withJob: boolean,
  out: NodeJS.WritableStream,
): Promise<Record<string, string>> {
  let statuses: Record<string, string> = {};
  await followEventStream(client, path, (event) => {
    if (event.event === "end") {
      statuses = (JSON.parse(event.data) as { statuses: Record<string, string> }).statuses;
      return true;
    }
    if (event.event === "job") out.write(line(JSON.parse(event.data) as EventData, withJob) + "\n");
    return false;
  });
  return statuses;
}

async function exitCodeOf(client: Client, id: string): Promise<number> {
  const { job } = await graphql<{ job: { status: string; exitCode: number | null } }>(
    client,
    `
      query ($id: ID!) {
        job(id: $id) {
          status
          exitCode
        }
      }
    `,
    { id },
  );
  if (job.status === "COMPLETED") return job.exitCode ?? 0;
  return job.exitCode || 1;
}

/** Runs one command; resolves to the process's exit code. */
export async function runJobCommand(
  args: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const { values, positionals } = readCommandLine(
    {
      vo: { type: "string" },
      follow: { type: "boolean" },
      stderr: { type: "boolean" },
      token: { type: "string" },
      gateway: { type: "string" },
    },
    USAGE,
    args,
  );
  const [command, argument, ...extra] = positionals;
  if (!command || !argument || extra.length) {
    err.write(`${USAGE}\n`);
    return 2;
  }
  const client: Client = {
    gatewayUrl: gatewayUrlFrom(values.gateway),
    token: tokenFromEnvironment(values.token),
  };
  switch (command) {
    case "submit": {
      let text: string;
      try {
        text = readFileSync(argument, "utf8");
      } catch (error) {
        throw new CommandFailed(`Cannot read ${argument}: ${(error as Error).message}`);
      }
      const trimmed = text.trim();
      let jobs: {
        id: string;
        name: string;
        status: string;
        site: { id: string } | null;
        queue: string | null;
      }[];
      let collection = null as { id: string; eventsPath: string } | null;
      if (trimmed.startsWith("{")) {
        let input: Record<string, unknown>;
        try {
          input = JSON.parse(trimmed) as Record<string, unknown>;
        } catch (error) {
          throw new CommandFailed(`${argument} is not JSON: ${(error as Error).message}`);
        }
        if (values.vo) input.vo = values.vo;
        const data = await graphql<{ submitJob: { job: (typeof jobs)[number] } }>(
          client,
          `mutation($input: SubmitJobInput!) { submitJob(input: $input) { job { ${JOB_FIELDS} } } }`,
          { input },
        );
        jobs = [data.submitJob.job];
      } else {
        const data = await graphql<{
          submitJobJdl: { jobs: typeof jobs; collection: typeof collection; warnings: string[] };
        }>(
          client,
          `mutation($input: SubmitJobJdlInput!) { submitJobJdl(input: $input) { warnings jobs { ${JOB_FIELDS} } collection { id eventsPath } } }`,
          { input: { jdl: text, vo: values.vo ?? null } },
        );
        jobs = data.submitJobJdl.jobs;
        collection = data.submitJobJdl.collection;
        for (const w of data.submitJobJdl.warnings) err.write(`warning: ${w}\n`);
      }
      for (const job of jobs)
        err.write(
          `${job.id}  ${job.status}  ${job.site ? `${job.site.id} / ${job.queue}` : "not placed"}  ${job.name}\n`,
        );
      if (collection) err.write(`collection ${collection.id} (${jobs.length} jobs)\n`);
      if (!values.follow) {
        out.write(`${collection?.id ?? jobs[0].id}\n`);
        return 0;
      }
      if (collection) {
        const statuses = await follow(client, collection.eventsPath, true, out);
        return Object.values(statuses).every((s) => s === "COMPLETED") ? 0 : 1;
      }
      await follow(client, `/jobs/${encodeURIComponent(jobs[0].id)}/events`, false, out);
      return exitCodeOf(client, jobs[0].id);
    }
    case "follow":
      await follow(client, `/jobs/${encodeURIComponent(argument)}/events`, false, out);
      return exitCodeOf(client, argument);
    case "status": {
      const { job } = await graphql<{ job: Record<string, any> | null }>(
        client,
        `query($id: ID!) { job(id: $id) { ${JOB_FIELDS} } }`,
        { id: argument },
      );
      if (!job) throw new CommandFailed(`Job '${argument}' does not exist (or is not visible to you).`);
      out.write(
        `${job.id}  ${job.name}\n  status: ${job.status}${job.nativeState ? ` [${job.nativeState}]` : ""}${
          job.exitCode !== null ? `, exit code ${job.exitCode}` : ""
        }${job.statusReason ? ` (${job.statusReason})` : ""}\n  at: ${job.site ? `${job.site.id}, queue ${job.queue}, ${job.endpointUrl}, as ${job.account}` : "not placed"}\n`,
      );
      for (const e of job.events) out.write(`  ${line(e as EventData, false)}\n`);
      return 0;
    }
    case "logs": {
      const which = values.stderr ? "stderr" : "stdout";
      const response = await fetch(`${base(client)}/jobs/${encodeURIComponent(argument)}/${which}`, {
        headers: { authorization: `Bearer ${client.token}` },
      });
      if (!response.ok)
        throw new CommandFailed(`${which} of ${argument}: ${response.status} ${await response.text()}`);
      out.write(Buffer.from(await response.arrayBuffer()));
      break;
    }
    case "cancel": {
      const data = await graphql<{ cancelJob: { job: { id: string; status: string } } }>(
        client,
        `
          mutation ($id: ID!) {
            cancelJob(id: $id) {
              job {
                id
                status
              }
            }
          }
        `,
        { id: argument },
      );
      out.write(`${data.cancelJob.job.id}  ${data.cancelJob.job.status}\n`);
      break;
    }
    default:
      err.write(`Unknown command '${command}'.\n${USAGE}\n`);
      return 2;
  }
  return 0;
}

if (require.main === module) runAsProcess(runJobCommand);
