import type { IncomingMessage, ServerResponse } from "node:http";

export interface StreamedEvent {
  /** The SSE `id:` (what Last-Event-ID resumes from). */
  id?: string;
  event: string;
  data: unknown;
}

export interface EventSource {
  /** What is new since the last call, and the closing event once nothing more will come. */
  next(): Promise<{ events: StreamedEvent[]; end?: StreamedEvent }>;
  /** Calls `wake` when something may have changed; returns how to stop listening. */
  subscribe(wake: () => void): () => void;
}

/** How often a stream looks for events written by other replicas (a local change wakes it at once). */
const LOOK_MS = 1000;
const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events over a service's own route (job events, data request events): writes what
 * `source` finds, waits for a change or a look's interval, and ends with the source's closing
 * event or when the client goes away. Comments keep idle proxies from closing the stream.
 */
export async function serveEventStream(
  res: ServerResponse,
  source: EventSource,
  banner: string,
): Promise<void> {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    "x-accel-buffering": "no",
  });
  res.write(`: ${banner}\n\n`);
  let closed = false;
  let wake: (() => void) | null = null;
  // Written before its transaction commits: look a moment later.
  const unsubscribe = source.subscribe(() => setTimeout(() => wake?.(), 50));
  res.on("close", () => {
    closed = true;
    wake?.();
  });
  const write = (e: StreamedEvent) =>
    res.write(
      `${e.id !== undefined ? `id: ${e.id}\n` : ""}event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`,
    );
  let lastWrite = Date.now();
  try {
    while (!closed) {
      const { events, end } = await source.next();
      for (const event of events) write(event);
      if (events.length) lastWrite = Date.now();
      if (end) {
        write(end);
        break;
      }
      if (Date.now() - lastWrite > HEARTBEAT_MS) {
        res.write(": still here\n\n");
        lastWrite = Date.now();
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, LOOK_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  } finally {
    unsubscribe();
    res.end();
  }
}

export function sendJsonError(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * The start of a service's own read-only route: refuses another method (405) and decodes the
 * id taken from the path (400 when it is not a valid escape). Null: the answer has been sent.
 */
export function readOnlyRouteId(
  req: IncomingMessage,
  res: ServerResponse,
  rawId: string,
  methods: ("GET" | "HEAD")[] = ["GET"],
): string | null {
  if (!methods.includes(req.method as "GET")) {
    res.setHeader("allow", methods.join(", "));
    sendJsonError(
      res,
      405,
      "METHOD_NOT_ALLOWED",
      `${req.method} is not allowed here; use ${methods.join(" or ")}.`,
    );
    return null;
  }
  try {
    return decodeURIComponent(rawId);
  } catch {
    sendJsonError(res, 400, "BAD_REQUEST", "The id in the path is not a valid URL escape.");
    return null;
  }
}
