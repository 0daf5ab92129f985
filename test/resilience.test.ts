import { createServer, type Server, type Socket } from "node:net";
import { seedsByService } from "../seeds/load";
import { startStack, type ServiceName, type Stack } from "../scripts/in-process-stack";

/**
 * A service that hangs or dies costs its own fields only: the gateway gives up on it within
 * its deadline, answers SUBGRAPH_UNAVAILABLE for those fields, keeps the rest, and stops
 * asking a service that keeps failing until it had time to recover.
 */
const TIMEOUT_MS = 1500;
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    gateway: {
      subgraphFetch: {
        timeoutMs: TIMEOUT_MS,
        mutationTimeoutMs: TIMEOUT_MS,
        breakerFailures: 3,
        breakerResetMs: 2000,
      },
    },
  });
  for (const service of ["sites", "datasets", "jobs", "research-objects"] as ServiceName[])
    await seedsByService[service](stack.em(service) as never);
});
afterAll(() => stack?.stop());

const QUERY = `{ dataset(id: "lofar-L650628-L1") { id title consumedBy { totalCount } replicas { site { id } } } }`;

/** Listens where a service was and accepts connections, but never answers (a stopped process). */
async function blackhole(port: number): Promise<{ server: Server; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    server,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("a subgraph that stops answering", () => {
  it("is given up within the deadline: its fields are SUBGRAPH_UNAVAILABLE, the rest is answered", async () => {
    const before = await stack.query(QUERY, {}, { as: "alice" });
    expect(before.errors).toBeUndefined();
    const port = Number(new URL(stack.subgraphs.jobs.url).port);
    await stack.stopSubgraph("jobs");
    const hung = await blackhole(port);
    try {
      const started = Date.now();
      const res = await stack.query(QUERY, {}, { as: "alice" });
      const took = Date.now() - started;
      expect(res.data.dataset).toMatchObject({ id: "lofar-L650628-L1", consumedBy: null });
      expect(res.data.dataset.replicas[0].site.id).toBe("SARA-MATRIX");
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["SUBGRAPH_UNAVAILABLE"]);
      expect(res.errors?.[0]?.message).toMatch(
        /jobs service is unavailable \(it did not answer within 1.5 s\)/,
      );
      // It waited for the deadline, not for ever (no upper bound asserted: machines are slow).
      expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);

      // After repeated failures the circuit opens: the service is not even asked.
      for (let i = 0; i < 3; i++) await stack.query(QUERY, {}, { as: "alice" });
      const fast = await stack.query(QUERY, {}, { as: "alice" });
      expect(fast.errors?.[0]?.message).toMatch(/jobs service is unavailable \(it failed repeatedly/);
      expect(fast.data.dataset.title).toContain("ELAIS-N1");
    } finally {
      await hung.close();
    }
  });
});

describe("errors keep their meaning", () => {
  it("passes on a subgraph's refusal of a value it cannot read as BAD_USER_INPUT with its message", async () => {
    const res = await stack.query(
      `query($r: JobRequirementsInput!) { placement(requirements: $r) { evaluatedSites } }`,
      { r: { vo: "vo.lofar.eu", cores: 1, startAt: "yesterday" } },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toMatch(/DateTime|date-time/i);
  });

  it("refuses an integer GraphQL cannot hold, saying why", async () => {
    const res = await stack.query(`{ sites(first: 9007199254740993) { totalCount } }`);
    // A literal is checked by the gateway against the schema; the same value as a variable
    // reaches the type check of the variable. Either way the caller is told what is wrong.
    expect(res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.errors?.[0]?.message).toMatch(/Int cannot represent non 32-bit signed integer value/);
    const asVariable = await stack.query(`query($n: Int) { sites(first: $n) { totalCount } }`, {
      n: 2 ** 53 + 2,
    });
    expect(asVariable.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
