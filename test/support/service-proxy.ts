import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * What a Kubernetes Service (or any load balancer) does for replicas of a subgraph: one address,
 * requests spread over the replicas, a replica that refuses connections skipped. The routing URL
 * a subgraph publishes is this address, never a replica's own. Test support only: in production
 * the platform provides it.
 */
export async function startServiceProxy(
  backends: () => string[],
): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const forward = (
    req: IncomingMessage,
    body: Buffer,
    targets: string[],
    res: import("node:http").ServerResponse,
  ) => {
    const [target, ...rest] = targets;
    if (!target) {
      res.writeHead(502, { "content-type": "text/plain" }).end("no replica answered");
      return;
    }
    const url = new URL(req.url ?? "/", target);
    const upstream = request(
      url,
      { method: req.method, headers: { ...req.headers, host: url.host, "content-length": body.length } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // Nothing was sent to a replica that refused the connection: the next one gets the request.
    upstream.on("error", () => forward(req, body, rest, res));
    upstream.end(body);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const list = backends();
      const start = next++ % Math.max(list.length, 1);
      forward(req, Buffer.concat(chunks), [...list.slice(start), ...list.slice(0, start)], res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
