import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";

/**
 * Ports below the OS's ephemeral range: the OS never hands those to outgoing connections, so
 * a port picked now is still free when a service under test binds it a minute later (a port
 * from `listen(0)` is in the ephemeral range, where any client socket may take it meanwhile).
 */
function belowEphemeral(): [number, number] {
  try {
    const [low] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8")
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low > 11_000) return [10_000, low - 1];
  } catch {
    // not Linux: the OS's own choice below
  }
  return [0, 0];
}

function bind(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => resolve(true));
  });
}

/**
 * `count` distinct ports that the OS says are free now: each is bound at the same time (so no
 * two are equal), read, then released for the process under test to take. They are taken
 * below the ephemeral range where there is one, else from the OS's `listen(0)`.
 */
export async function freePorts(count: number): Promise<number[]> {
  const [low, high] = belowEphemeral();
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      let server = createServer();
      let bound = false;
      for (let tries = 0; !bound && high > low && tries < 50; tries++) {
        bound = await bind(server, low + Math.floor(Math.random() * (high - low + 1)));
        if (!bound) server = createServer();
      }
      if (!bound && !(await bind(server, 0))) throw new Error("no free port");
      servers.push(server);
    }
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}
