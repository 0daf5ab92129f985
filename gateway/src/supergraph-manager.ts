import type { SupergraphManager } from "@apollo/gateway";
import type { Logger } from "@gridgraph/kit";

type SupergraphSdlHookOptions = Parameters<SupergraphManager["initialize"]>[0];

interface SupergraphResponse {
  id: string;
  sdl: string;
}

/**
 * Loads the finished supergraph from the registry (the gateway never composes) and polls
 * for new ones, handing each to the gateway's `update`: a new subgraph version goes live
 * without restarting the gateway.
 */
export class RegistrySupergraphManager implements SupergraphManager {
  private timer?: NodeJS.Timeout;
  private currentId?: string;

  constructor(
    private readonly registryUrl: string,
    private readonly logger: Logger,
    private readonly options: { pollIntervalMs: number; startTimeoutMs: number; secret: string },
  ) {}

  private async fetchSupergraph(): Promise<SupergraphResponse | { missing: string[] }> {
    const res = await fetch(`${this.registryUrl}/supergraph`, {
      headers: { authorization: `Bearer ${this.options.secret}` },
    });
    const body = (await res.json()) as SupergraphResponse & { missing?: string[] };
    if (res.status === 503) return { missing: body.missing ?? [] };
    if (!res.ok) throw new Error(`registry answered ${res.status}`);
    return body;
  }

  async initialize({ update }: SupergraphSdlHookOptions) {
    const deadline = Date.now() + this.options.startTimeoutMs;
    let first: SupergraphResponse | undefined;
    let lastProblem = "";
    while (!first) {
      try {
        const result = await this.fetchSupergraph();
        if ("sdl" in result) first = result;
        else lastProblem = `waiting for subgraphs: ${result.missing.join(", ")}`;
      } catch (error) {
        lastProblem = `registry unreachable at ${this.registryUrl}: ${(error as Error).message}`;
      }
      if (!first) {
        if (Date.now() > deadline)
          throw new Error(`No supergraph from the registry in time (${lastProblem}).`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    this.currentId = first.id;
    this.logger.info("supergraph loaded", { supergraphId: first.id });

    const poll = async () => {
      try {
        const result = await this.fetchSupergraph();
        if ("sdl" in result && result.id !== this.currentId) {
          update(result.sdl);
          this.currentId = result.id;
          this.logger.info("supergraph updated", { supergraphId: result.id });
        }
      } catch (error) {
        this.logger.warn("could not poll the registry; keeping the current supergraph", { error });
      }
      this.timer = setTimeout(poll, this.options.pollIntervalMs);
      this.timer.unref();
    };
    this.timer = setTimeout(poll, this.options.pollIntervalMs);
    this.timer.unref();

    return {
      supergraphSdl: first.sdl,
      cleanup: async () => clearTimeout(this.timer),
    };
  }
}
