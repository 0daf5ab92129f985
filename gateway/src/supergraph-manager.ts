import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SupergraphManager } from "@apollo/gateway";
import type { Logger } from "@gridgraph/kit";

type SupergraphSdlHookOptions = Parameters<SupergraphManager["initialize"]>[0];

interface SupergraphResponse {
  id: string;
  sdl: string;
}

/** What the gateway's /health says about where its supergraph comes from. */
export interface SupergraphStatus {
  supergraphId: string | null;
  /** "registry", or "cache" while the registry could not be reached since the gateway started. */
  source: "registry" | "cache" | "none";
  registryReachable: boolean;
  lastPollAt: string | null;
}

/**
 * Loads the finished supergraph from the registry (the gateway never composes) and polls
 * for new ones, handing each to the gateway's `update`: a new subgraph version goes live
 * without restarting the gateway. Each supergraph is also written to `cacheFile`, so a gateway
 * that starts while the registry is down serves the last one it had (and says so in /health).
 */
export class RegistrySupergraphManager implements SupergraphManager {
  private timer?: NodeJS.Timeout;
  private currentId?: string;
  private stopped = false;
  readonly status: SupergraphStatus = {
    supergraphId: null,
    source: "none",
    registryReachable: false,
    lastPollAt: null,
  };

  constructor(
    private readonly registryUrl: string,
    private readonly logger: Logger,
    private readonly options: {
      pollIntervalMs: number;
      startTimeoutMs: number;
      secret: string;
      /** Where the last supergraph is kept across restarts; none: not kept. */
      cacheFile?: string;
    },
  ) {}

  private etag?: string;

  private async fetchSupergraph(): Promise<SupergraphResponse | { missing: string[] } | { unchanged: true }> {
    const res = await fetch(`${this.registryUrl}/supergraph`, {
      headers: {
        authorization: `Bearer ${this.options.secret}`,
        ...(this.etag && this.currentId ? { "if-none-match": this.etag } : {}),
      },
      signal: AbortSignal.timeout(Math.max(this.options.pollIntervalMs * 4, 10_000)),
    });
    if (res.status === 304) {
      this.status.registryReachable = true;
      this.status.lastPollAt = new Date().toISOString();
      return { unchanged: true };
    }
    const body = (await res.json()) as SupergraphResponse & { missing?: string[] };
    this.status.registryReachable = true;
    this.status.lastPollAt = new Date().toISOString();
    if (res.status === 503) return { missing: body.missing ?? [] };
    if (!res.ok) throw new Error(`registry answered ${res.status}`);
    this.etag = res.headers.get("etag") ?? undefined;
    return body;
  }

  /** Each subgraph's routing URL in the supergraph in use (its `join__graph` values). */
  private urls = new Map<string, string>();

  /** The routing URL of a subgraph, as the supergraph in use names it. */
  serviceUrl(name: string): string | undefined {
    return this.urls.get(name);
  }

  private remember(supergraph: SupergraphResponse, source: "registry" | "cache") {
    this.currentId = supergraph.id;
    this.urls = new Map(
      [...supergraph.sdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    this.status.supergraphId = supergraph.id;
    this.status.source = source;
    const file = this.options.cacheFile;
    if (source !== "registry" || !file) return;
    try {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, JSON.stringify(supergraph), { mode: 0o600 });
      renameSync(partial, file); // a reader never sees half a supergraph
    } catch (error) {
      this.logger.warn("could not keep the supergraph on disk", { error, file });
    }
  }

  private cached(): SupergraphResponse | null {
    const file = this.options.cacheFile;
    if (!file || !existsSync(file)) return null;
    try {
      const cached = JSON.parse(readFileSync(file, "utf8")) as SupergraphResponse;
      return typeof cached.id === "string" && typeof cached.sdl === "string" ? cached : null;
    } catch {
      return null;
    }
  }

  async initialize({ update }: SupergraphSdlHookOptions) {
    const deadline = Date.now() + this.options.startTimeoutMs;
    let first: SupergraphResponse | undefined;
    let lastProblem = "";
    while (!first) {
      try {
        const result = await this.fetchSupergraph();
        if ("sdl" in result) first = result;
        else if ("missing" in result) lastProblem = `waiting for subgraphs: ${result.missing.join(", ")}`;
      } catch (error) {
        this.status.registryReachable = false;
        lastProblem = `registry unreachable at ${this.registryUrl}: ${(error as Error).message}`;
        // The registry is down, not merely waiting for subgraphs: serve what we had.
        const cached = this.cached();
        if (cached) {
          this.logger.warn("registry unreachable; serving the last supergraph kept on disk", {
            supergraphId: cached.id,
            reason: lastProblem,
          });
          first = cached;
          this.remember(cached, "cache");
          break;
        }
      }
      if (!first) {
        if (Date.now() > deadline)
          throw new Error(`No supergraph from the registry in time (${lastProblem}).`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    if (this.status.source !== "cache") {
      this.remember(first, "registry");
      this.logger.info("supergraph loaded", { supergraphId: first.id });
    }

    const poll = async () => {
      try {
        const result = await this.fetchSupergraph();
        if ("sdl" in result && result.id !== this.currentId && !this.stopped) {
          update(result.sdl);
          this.remember(result, "registry");
          this.logger.info("supergraph updated", { supergraphId: result.id });
        } else if (!("missing" in result)) this.status.source = "registry";
      } catch (error) {
        this.status.registryReachable = false;
        this.logger.warn("could not poll the registry; keeping the current supergraph", { error });
      }
      // A poll in flight when cleanup ran must not start another.
      if (this.stopped) return;
      this.timer = setTimeout(poll, this.options.pollIntervalMs);
      this.timer.unref();
    };
    this.timer = setTimeout(poll, this.options.pollIntervalMs);
    this.timer.unref();

    return {
      supergraphSdl: first.sdl,
      cleanup: async () => {
        this.stopped = true;
        clearTimeout(this.timer);
      },
    };
  }
}
