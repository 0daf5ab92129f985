/**
 * Follows a server-sent event stream of the gateway (a job's or a data request's events) with
 * the user's token. EventSource cannot send an Authorization header, so this reads the stream
 * with fetch and parses it with eventsource-parser; it resumes from the last event id when the
 * connection drops (Last-Event-ID, as EventSource would), until the stream's `end` event.
 */
import { createParser } from "eventsource-parser";
import { useEffect, useRef } from "react";

export interface StreamEvent {
  id?: string;
  event: string;
  data: unknown;
}

export interface FollowOptions {
  path: string;
  token: () => string | null;
  onEvent: (event: StreamEvent) => void;
  /** Told when the stream is (re)connecting, open or over, for the page to show. */
  onState?: (state: "connecting" | "open" | "ended" | "failed", detail?: string) => void;
  signal: AbortSignal;
}

export async function followEvents(options: FollowOptions): Promise<void> {
  let lastId: string | undefined;
  let ended = false;
  for (let attempt = 0; !ended && !options.signal.aborted; attempt++) {
    options.onState?.("connecting");
    try {
      const token = options.token();
      const response = await fetch(options.path, {
        headers: {
          accept: "text/event-stream",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(lastId ? { "last-event-id": lastId } : {}),
        },
        signal: options.signal,
      });
      if (!response.ok || !response.body) {
        const text = await response.text().catch(() => "");
        options.onState?.("failed", `${response.status}: ${text.slice(0, 300)}`);
        if (response.status >= 400 && response.status < 500) return;
      } else {
        options.onState?.("open");
        attempt = 0;
        const parser = createParser({
          onEvent: (message) => {
            if (message.id) lastId = message.id;
            let data: unknown = message.data;
            try {
              data = JSON.parse(message.data);
            } catch {
              // not JSON: kept as text
            }
            const event = { id: message.id, event: message.event ?? "message", data };
            if (event.event === "end") ended = true;
            options.onEvent(event);
          },
        });
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
      }
    } catch (error) {
      if (options.signal.aborted) return;
      options.onState?.("failed", (error as Error).message);
    }
    if (!ended) await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** attempt, 10_000)));
  }
  if (ended) options.onState?.("ended");
}

/**
 * Follows `path` (when given) for as long as the component shows it, with the signed-in user's
 * token; the latest callbacks are used, so they need not be stable.
 */
export function useEventStream(
  path: string | null | undefined,
  token: () => string | null,
  onEvent: (event: StreamEvent) => void,
  onState?: FollowOptions["onState"],
) {
  const latest = useRef({ token, onEvent, onState });
  latest.current = { token, onEvent, onState };
  useEffect(() => {
    if (!path) return;
    const abort = new AbortController();
    void followEvents({
      path,
      signal: abort.signal,
      token: () => latest.current.token(),
      onEvent: (event) => latest.current.onEvent(event),
      onState: (state, detail) => latest.current.onState?.(state, detail),
    });
    return () => abort.abort();
  }, [path]);
}
