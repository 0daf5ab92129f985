/**
 * `npm run notebook -- <command>`: notebooks from the command line, through the gateway.
 *   run <file.ipynb> --vo VO [--datasets id,id] [--per-dataset] [--param name=JSON]… [--site S]
 *                                         runs a notebook headless as a job (or one per dataset)
 *   start --vo VO [--datasets id,id] [--site S] [--idle SECONDS]
 *                                         starts an interactive session; prints its URL once it answers
 *   exec <session id> <python code>       runs code in the session's kernel (one is started if
 *                                         none runs) over its WebSocket; prints what it printed
 *   stop <session id>
 * Token and gateway as for `npm run job`: --token / $GRIDGRAPH_TOKEN, --gateway / $GRIDGRAPH_URL.
 */
import { readFileSync } from "node:fs";
import WebSocket from "ws";
import {
  CommandFailed,
  gatewayBase,
  gatewayUrlFrom,
  graphql,
  readCommandLine,
  runAsProcess,
  tokenFromEnvironment,
  type GatewayCommandClient,
} from "./cli";

const USAGE = `Usage: npm run notebook -- run <file.ipynb> --vo VO [--datasets id,id] [--per-dataset] [--param name=JSON]... [--site S]
       npm run notebook -- start --vo VO [--datasets id,id] [--site S] [--idle SECONDS]
       npm run notebook -- exec <session id> <python code> | stop <session id>
  [--token T] [--gateway URL]`;

/** Runs `code` in a kernel over its channels WebSocket (Jupyter's JSON messaging protocol). */
export function executeInKernel(
  channelsUrl: string,
  token: string,
  code: string,
): Promise<{ text: string; status: string }> {
  const socket = new WebSocket(channelsUrl, { headers: { authorization: `Bearer ${token}` } });
  const msgId = `gridgraph-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return new Promise((resolve, reject) => {
    let text = "";
    socket.on("error", reject);
    socket.on("unexpected-response", (_req, res) =>
      reject(new CommandFailed(`The session refused the WebSocket: HTTP ${res.statusCode}.`)),
    );
    socket.on("open", () =>
      socket.send(
        JSON.stringify({
          header: {
            msg_id: msgId,
            username: "gridgraph",
            session: msgId,
            msg_type: "execute_request",
            version: "5.3",
            date: new Date().toISOString(),
          },
          parent_header: {},
          metadata: {},
          content: {
            code,
            silent: false,
            store_history: true,
            user_expressions: {},
            allow_stdin: false,
            stop_on_error: true,
          },
          channel: "shell",
        }),
      ),
    );
    // The reply (shell) and the output (iopub) travel separately: all output is in once the
    // kernel reports itself idle for this request, and the reply has come.
    let reply: string | null = null;
    let idle = false;
    const settle = () => {
      if (reply === null || !idle) return;
      socket.close();
      resolve({ text, status: reply });
    };
    socket.on("message", (raw) => {
      const message = JSON.parse(String(raw));
      if (message.parent_header?.msg_id !== msgId) return;
      if (message.msg_type === "stream") text += message.content.text;
      if (message.msg_type === "execute_result") text += `${message.content.data?.["text/plain"] ?? ""}\n`;
      if (message.msg_type === "error") text += `${message.content.ename}: ${message.content.evalue}\n`;
      if (message.msg_type === "status" && message.content.execution_state === "idle") idle = true;
      if (message.msg_type === "execute_reply") reply = message.content.status;
      settle();
    });
  });
}

async function sessionCall(client: GatewayCommandClient, path: string, init: RequestInit = {}) {
  const response = await fetch(`${gatewayBase(client)}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${client.token}`, "content-type": "application/json", ...init.headers },
  });
  return response;
}

async function notebookCommand(
  args: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const { values, positionals } = readCommandLine(
    {
      vo: { type: "string" },
      datasets: { type: "string" },
      "per-dataset": { type: "boolean" },
      param: { type: "string", multiple: true },
      site: { type: "string" },
      idle: { type: "string" },
      token: { type: "string" },
      gateway: { type: "string" },
    },
    USAGE,
    args,
  );
  const [command, argument, ...rest] = positionals;
  const client = { gatewayUrl: gatewayUrlFrom(values.gateway), token: tokenFromEnvironment(values.token) };
  const datasetIds = values.datasets
    ? values.datasets
        .split(",")
        .map((d) => d.trim())
        .filter(Boolean)
    : [];
  switch (command) {
    case "run": {
      if (!argument || !values.vo) return (err.write(`${USAGE}\n`), 2);
      let notebook: string;
      try {
        notebook = readFileSync(argument, "utf8");
      } catch (error) {
        throw new CommandFailed(`Cannot read ${argument}: ${(error as Error).message}`);
      }
      const parameters: Record<string, unknown> = {};
      for (const p of (values.param as string[] | undefined) ?? []) {
        const [name, ...value] = p.split("=");
        const text = value.join("=");
        try {
          parameters[name] = JSON.parse(text);
        } catch {
          parameters[name] = text;
        }
      }
      const { runNotebook } = await graphql<{
        runNotebook: {
          jobs: { id: string; name: string; status: string; site: { id: string } | null }[];
          collection: { id: string } | null;
        };
      }>(
        client,
        `
          mutation ($input: RunNotebookInput!) {
            runNotebook(input: $input) {
              jobs {
                id
                name
                status
                site {
                  id
                }
              }
              collection {
                id
              }
            }
          }
        `,
        {
          input: {
            vo: values.vo,
            notebook,
            parameters,
            datasetIds,
            perDataset: Boolean(values["per-dataset"]),
            siteId: values.site ?? null,
          },
        },
      );
      for (const job of runNotebook.jobs)
        out.write(`${job.id}  ${job.status}  ${job.site?.id ?? "not placed"}  ${job.name}\n`);
      if (runNotebook.collection) out.write(`collection ${runNotebook.collection.id}\n`);
      return 0;
    }
    case "start": {
      if (!values.vo) return (err.write(`${USAGE}\n`), 2);
      const { startNotebookSession } = await graphql<{
        startNotebookSession: { job: { id: string; notebookPath: string; site: { id: string } | null } };
      }>(
        client,
        `
          mutation ($input: StartNotebookSessionInput!) {
            startNotebookSession(input: $input) {
              job {
                id
                notebookPath
                site {
                  id
                }
              }
            }
          }
        `,
        {
          input: {
            vo: values.vo,
            datasetIds,
            siteId: values.site ?? null,
            idleTimeoutSeconds: values.idle ? Number(values.idle) : null,
          },
        },
      );
      const { id, notebookPath, site } = startNotebookSession.job;
      err.write(`session ${id} at ${site?.id ?? "?"}: starting`);
      for (let i = 0; i < 600; i++) {
        const status = (await sessionCall(client, `${notebookPath}api/status`)).status;
        if (status === 200) {
          err.write(" ready\n");
          out.write(`${id}  ${gatewayBase(client)}${notebookPath}tree\n`);
          return 0;
        }
        if (status !== 503) throw new CommandFailed(`\nThe session answered HTTP ${status}.`);
        err.write(".");
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new CommandFailed("\nThe session did not start within 5 minutes.");
    }
    case "exec": {
      const code = rest.join(" ");
      if (!argument || !code) return (err.write(`${USAGE}\n`), 2);
      const path = `/notebooks/${encodeURIComponent(argument)}/`;
      const running = await sessionCall(client, `${path}api/kernels`);
      if (!running.ok)
        throw new CommandFailed(`Session ${argument}: HTTP ${running.status} ${await running.text()}`);
      let [kernel] = (await running.json()) as { id: string }[];
      if (!kernel) {
        const made = await sessionCall(client, `${path}api/kernels`, {
          method: "POST",
          body: JSON.stringify({ name: "python3" }),
        });
        kernel = (await made.json()) as { id: string };
      }
      const channels = `${gatewayBase(client).replace(/^http/, "ws")}${path}api/kernels/${kernel.id}/channels`;
      const result = await executeInKernel(channels, client.token, code);
      out.write(result.text);
      return result.status === "ok" ? 0 : 1;
    }
    case "stop": {
      if (!argument) return (err.write(`${USAGE}\n`), 2);
      const { stopNotebookSession } = await graphql<{
        stopNotebookSession: { job: { id: string; status: string } };
      }>(
        client,
        `
          mutation ($id: ID!) {
            stopNotebookSession(id: $id) {
              job {
                id
                status
              }
            }
          }
        `,
        { id: argument },
      );
      out.write(`${stopNotebookSession.job.id}  stopping (${stopNotebookSession.job.status})\n`);
      return 0;
    }
    default:
      err.write(`${USAGE}\n`);
      return 2;
  }
}

if (require.main === module) runAsProcess(notebookCommand);
