import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SubgraphFetcher, SubgraphUnreachable } from "../src/subgraph-fetcher";

/** The gateway's client for one subgraph, against a real HTTP server on this machine. */
describe("SubgraphFetcher", () => {
  let server: Server;
  let url: string;
  let received: string[];
  let delayMs: number;
  beforeEach(async () => {
    received = [];
    delayMs = 100;
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push(body);
        setTimeout(
          () => res.writeHead(200, { "content-type": "application/json" }).end('{"data":{"ok":true}}'),
          delayMs,
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (fetcher: SubgraphFetcher, query: string, assertion = "a") =>
    fetcher.fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-gridgraph-assertion": assertion },
      body: JSON.stringify({ query }),
    });

  it("sends identical queries in flight together once, and gives each caller the answer", async () => {
    const fetcher = new SubgraphFetcher("test");
    const answers = await Promise.all([
      post(fetcher, "{ a }"),
      post(fetcher, "{ a }"),
      post(fetcher, "{ a }"),
    ]);
    expect(received).toHaveLength(1);
    for (const answer of answers) expect(await answer.json()).toEqual({ data: { ok: true } });
    fetcher.shutdown();
  });

  it("never merges mutations, nor the same query for two identities", async () => {
    const fetcher = new SubgraphFetcher("test");
    await Promise.all([post(fetcher, "mutation { a }"), post(fetcher, "mutation { a }")]);
    expect(received).toHaveLength(2);
    await Promise.all([post(fetcher, "{ b }", "alice"), post(fetcher, "{ b }", "erik")]);
    expect(received).toHaveLength(4);
    fetcher.shutdown();
  });

  it("gives up at the deadline, then refuses at once while the circuit is open", async () => {
    delayMs = 5000;
    const fetcher = new SubgraphFetcher("test", {
      timeoutMs: 200,
      mutationTimeoutMs: 200,
      breakerFailures: 2,
      breakerResetMs: 60_000,
    });
    await expect(post(fetcher, "{ c }")).rejects.toThrow(/did not answer within 0.2 s/);
    await expect(post(fetcher, "{ d }")).rejects.toThrow(SubgraphUnreachable);
    expect(fetcher.state).toBe("open");
    const asked = received.length;
    await expect(post(fetcher, "{ e }")).rejects.toThrow(/failed repeatedly/);
    expect(received).toHaveLength(asked);
    fetcher.shutdown();
  });

  it("gives a mutation its own, longer deadline, and does not say it changed nothing when it is cut off", async () => {
    delayMs = 600;
    const fetcher = new SubgraphFetcher("test", {
      timeoutMs: 200,
      mutationTimeoutMs: 2000,
      breakerFailures: 5,
      breakerResetMs: 60_000,
    });
    await expect(post(fetcher, "{ slow }")).rejects.toThrow(/did not answer within 0.2 s$/);
    // The same slow service finishes a mutation within the mutation deadline.
    expect((await post(fetcher, "mutation { importSomething }")).status).toBe(200);
    const short = new SubgraphFetcher("test", {
      timeoutMs: 200,
      mutationTimeoutMs: 300,
      breakerFailures: 5,
      breakerResetMs: 60_000,
    });
    await expect(post(short, "mutation { importSomething }")).rejects.toThrow(
      /did not answer within 0.3 s; the change may still be made there, so look before trying again/,
    );
    fetcher.shutdown();
    short.shutdown();
  });

  it("says so when nothing listens", async () => {
    const fetcher = new SubgraphFetcher("test");
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await expect(post(fetcher, "{ a }")).rejects.toThrow(/nothing listens at its address/);
    server.listen(0, "127.0.0.1"); // for afterEach
    fetcher.shutdown();
  });
});
