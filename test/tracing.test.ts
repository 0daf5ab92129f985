import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { flushTraces, startTracing, stopTracing } from "@gridgraph/kit";
import { seedsByService } from "../seeds/load";
import { startStack, type Stack } from "../scripts/in-process-stack";

/**
 * With an OTLP endpoint configured, a request is one trace across the gateway and the
 * subgraphs it asked: the gateway's request span, a client span per subgraph fetch, and each
 * subgraph's request span as that fetch's child. The collector here is a real HTTP server
 * receiving OTLP/HTTP JSON, as an OpenTelemetry Collector would.
 */
interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}
let collector: Server;
const received: ReceivedSpan[] = [];
let stack: Stack;
beforeAll(async () => {
  collector = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const payload = JSON.parse(body) as {
        resourceSpans: { scopeSpans: { spans: ReceivedSpan[] }[] }[];
      };
      for (const r of payload.resourceSpans) for (const s of r.scopeSpans) received.push(...s.spans);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  const port = (collector.address() as AddressInfo).port;
  // One process holds the whole test stack, so one tracer provider serves all its services.
  startTracing("test", { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
  stack = await startStack();
  await seedsByService.sites(stack.em("sites") as never);
  await seedsByService.datasets(stack.em("datasets") as never);
});
afterAll(async () => {
  await stack?.stop();
  await stopTracing();
  collector?.close();
});

it("makes one trace of a request across the gateway and the subgraphs it asked", async () => {
  const { errors } = await stack.query(
    `query TracedDataset { dataset(id: "lofar-L650628-L2") { id replicas { site { id country } } } }`,
  );
  expect(errors).toBeUndefined();
  // The batch processor's own timer may already be exporting the spans when forceFlush finds
  // its buffer empty, so wait for them to arrive (no time limit beyond the test's own).
  const arrived = () => received.filter((s) => / TracedDataset/.test(s.name)).length >= 3;
  while (!arrived()) {
    await flushTraces();
    if (!arrived()) await new Promise((r) => setTimeout(r, 100));
  }
  const root = received.find((s) => s.name === "gateway TracedDataset");
  expect(root).toBeDefined();
  const trace = received.filter((s) => s.traceId === root!.traceId);
  const fetches = trace.filter((s) => s.name.startsWith("fetch ") && s.parentSpanId === root!.spanId);
  expect(fetches.map((s) => s.name).sort()).toEqual(["fetch datasets", "fetch sites"]);
  for (const fetch of fetches) {
    const service = fetch.name.replace("fetch ", "");
    const served = trace.find((s) => s.parentSpanId === fetch.spanId);
    expect(served?.name).toMatch(new RegExp(`^${service} TracedDataset__${service}__\\d+$`));
  }
});
