import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { followEvents, type StreamEvent } from "./event-stream";

/**
 * A real server-sent event stream over HTTP: the first connection drops after two events, the
 * second must resume from the last id (Last-Event-ID) with the token, then the stream ends.
 */
describe("following a server-sent event stream with a token", () => {
  let server: Server;
  let url: string;
  const seen: { authorization?: string; lastEventId?: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({
        authorization: req.headers.authorization,
        lastEventId: req.headers["last-event-id"] as string | undefined,
      });
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(": hello\n\n");
      if (!req.headers["last-event-id"]) {
        res.write('id: 1\nevent: job\ndata: {"seq":1,"status":"QUEUED"}\n\n');
        res.write('id: 2\nevent: job\ndata: {"seq":2,"status":"RUNNING"}\n\n');
        setTimeout(() => res.destroy(), 100); // the connection drops mid-stream
        return;
      }
      res.write('id: 3\nevent: job\ndata: {"seq":3,"status":"COMPLETED"}\n\n');
      res.end('event: end\ndata: {"status":"COMPLETED"}\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jobs/j1/events`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("resumes after a dropped connection from the last event and stops at the end event", async () => {
    const events: StreamEvent[] = [];
    const states: string[] = [];
    await followEvents({
      path: url,
      token: () => "t0ken",
      signal: new AbortController().signal,
      onEvent: (e) => events.push(e),
      onState: (state) => states.push(state),
    });
    expect(events.map((e) => [e.event, (e.data as { seq?: number }).seq ?? null])).toEqual([
      ["job", 1],
      ["job", 2],
      ["job", 3],
      ["end", null],
    ]);
    expect(seen).toEqual([
      { authorization: "Bearer t0ken", lastEventId: undefined },
      { authorization: "Bearer t0ken", lastEventId: "2" },
    ]);
    expect(states.at(-1)).toBe("ended");
  });
});
