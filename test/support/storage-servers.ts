import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * Real grid storage servers from Debian's packages, started by the tests that need them on
 * ports the OS chooses: an XRootD server (xrootd-server) and Apache with mod_dav (WebDAV).
 * Both serve a temporary folder the test can also look into.
 */
const APACHE_MODULES = "/usr/lib/apache2/modules";

export function gridStorageAvailable(): string | null {
  const missing = [
    ["xrootd", ["-v"]],
    ["/usr/sbin/apache2", ["-v"]],
    ["gfal-copy", ["--version"]],
  ].filter(
    ([cmd, args]) =>
      spawnSync(cmd as string, args as string[], {
        stdio: "ignore",
        env: { ...process.env, GFAL_PYTHONBIN: "/usr/bin/python3" },
      }).status !== 0,
  );
  if (!fs.existsSync(path.join(APACHE_MODULES, "mod_dav_fs.so"))) missing.push(["mod_dav_fs", []]);
  return missing.length ? missing.map(([cmd]) => cmd).join(", ") : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the server stopped: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the server did not listen on ${port}: ${log()}`);
}

export interface StorageServer {
  /** Base URL, e.g. root://127.0.0.1:40123/ or dav://127.0.0.1:40124 */
  url: string;
  /** The folder it serves. */
  dir: string;
  stop(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

function stopper(child: ChildProcess, base: string) {
  return async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    fs.rmSync(base, { recursive: true, force: true });
  };
}

/** Starts XRootD; tries again on another port when it stops at once (the port taken meanwhile, say). */
export async function startXrootd(): Promise<StorageServer> {
  let last: Error | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startXrootdOnce();
    } catch (error) {
      last = error as Error;
    }
  }
  throw last!;
}

async function startXrootdOnce(): Promise<StorageServer> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "gg-xrootd-"));
  const dir = path.join(base, "data");
  const run = path.join(base, "run");
  fs.mkdirSync(dir);
  fs.mkdirSync(run);
  fs.chmodSync(base, 0o777);
  fs.chmodSync(dir, 0o777);
  fs.chmodSync(run, 0o777);
  const port = await freePort();
  const config = path.join(base, "xrootd.cfg");
  fs.writeFileSync(
    config,
    [
      `xrd.port ${port}`,
      "all.export /",
      `oss.localroot ${dir}`,
      "xrootd.chksum adler32",
      `all.adminpath ${run}`,
      `all.pidpath ${run}`,
    ].join("\n"),
  );
  // XRootD refuses to run as root; -R drops to an unprivileged user, who must read the
  // configuration whatever the umask, and who makes its home in the working directory.
  fs.chmodSync(config, 0o644);
  const logFile = path.join(run, "xrootd.log");
  const child = spawn(
    "xrootd",
    [...(asRoot ? ["-R", "nobody"] : []), "-c", config, "-l", logFile, "-n", "gg"],
    { stdio: "ignore", cwd: run },
  );
  try {
    await waitForPort(port, child, () => {
      const logs = [logFile, path.join(run, "gg", "xrootd.log")].filter((f) => fs.existsSync(f));
      return (
        logs.map((f) => fs.readFileSync(f, "utf8").split("\n").slice(-5).join("\n")).join("\n") || "no log"
      );
    });
  } catch (error) {
    await stopper(child, base)();
    throw error;
  }
  return { url: `root://127.0.0.1:${port}/`, dir, stop: stopper(child, base) };
}

export async function startWebdav(): Promise<StorageServer> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "gg-webdav-"));
  const dir = path.join(base, "data");
  fs.mkdirSync(dir);
  fs.chmodSync(base, 0o777);
  fs.chmodSync(dir, 0o777);
  const port = await freePort();
  const config = path.join(base, "httpd.conf");
  fs.writeFileSync(
    config,
    [
      `LoadModule mpm_event_module ${APACHE_MODULES}/mod_mpm_event.so`,
      `LoadModule authz_core_module ${APACHE_MODULES}/mod_authz_core.so`,
      `LoadModule dav_module ${APACHE_MODULES}/mod_dav.so`,
      `LoadModule dav_fs_module ${APACHE_MODULES}/mod_dav_fs.so`,
      "ServerName 127.0.0.1",
      `Listen 127.0.0.1:${port}`,
      `PidFile ${base}/httpd.pid`,
      `ErrorLog ${base}/error.log`,
      ...(asRoot ? ["User nobody", "Group nogroup"] : []),
      `DocumentRoot ${dir}`,
      `DavLockDB ${base}/DavLock`,
      `<Directory ${dir}>`,
      "  Dav On",
      "  Require all granted",
      "</Directory>",
    ].join("\n"),
  );
  fs.chmodSync(config, 0o644);
  let output = "";
  const child = spawn("/usr/sbin/apache2", ["-f", config, "-DFOREGROUND"], {
    stdio: ["ignore", "pipe", "pipe"],
    cwd: base,
  });
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  await waitForPort(port, child, () => output);
  return { url: `dav://127.0.0.1:${port}`, dir, stop: stopper(child, base) };
}
