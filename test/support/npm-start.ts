/**
 * `npm start` as a test launches it: every service on a port the OS chose, its own process group
 * (killed whole if the test fails half-way), its output collected to wait on.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePorts } from "../../scripts/ports";

const root = path.join(__dirname, "..", "..");

const SERVICES_WITH_PORTS = [
  "GATEWAY_PORT",
  "SITES_PORT",
  "DATASETS_PORT",
  "JOBS_PORT",
  "RESEARCH_OBJECTS_PORT",
  "REGISTRY_PORT",
  "IDP_PORT",
] as const;

/** A port for every service, chosen by the OS; every other default follows from them. */
export async function choosePorts() {
  const ports = await freePorts(SERVICES_WITH_PORTS.length);
  return Object.fromEntries(SERVICES_WITH_PORTS.map((name, i) => [name, String(ports[i])])) as Record<
    (typeof SERVICES_WITH_PORTS)[number],
    string
  >;
}

/** Every `npm start` launched here, so none outlives the test file whatever happens. */
export const launched: ChildProcess[] = [];

export function launch(env: Record<string, string>) {
  // Its own process group: if the test fails half-way, the group (start.js and every service
  // it started) is killed, not just start.js.
  const child = spawn(process.execPath, [path.join(root, "dist", "scripts", "start.js")], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: "", SUPERGRAPH_OUT: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  launched.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Waits until `app` printed `text`; fails at once, with its output, if it exits first. */
export async function waitForOutput(app: ReturnType<typeof launch>, text: string) {
  let exit: number | null | undefined;
  void app.exited.then((code) => (exit = code));
  while (!app.output().includes(text)) {
    if (exit !== undefined) throw new Error(`npm start exited (${exit}) before "${text}":\n${app.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export type Launched = ReturnType<typeof launch>;

/** The pid of the last `service` npm start started (it says so on its output). */
export function pidOf(app: Launched, service: string): number {
  const all = [...app.output().matchAll(new RegExp(`\\[start\\] ${service} started \\(pid (\\d+)\\)`, "g"))];
  return Number(all.at(-1)![1]);
}

export function killGroup(child: ChildProcess) {
  try {
    if (child.pid) process.kill(-child.pid, "SIGKILL");
  } catch {
    /* already gone */
  }
}
