import CircuitBreaker from "opossum";

/**
 * How the gateway talks to one subgraph: every fetch has a deadline, a subgraph that keeps
 * failing is not asked again until it had time to recover (a circuit breaker), identical
 * queries in flight at the same moment are sent once, and a query whose reused connection was
 * reset before any answer is sent again once. Each failure says what happened, so that
 * SUBGRAPH_UNAVAILABLE means the service really could not be reached.
 */
export interface SubgraphFetchOptions {
  /** Deadline of one query. */
  timeoutMs: number;
  /**
   * Deadline of one mutation: longer, since a mutation may be real work (a large BDII import,
   * a submission of thousands of jobs) and cutting it off does not stop it at the service.
   */
  mutationTimeoutMs: number;
  /** Failures (of the last `breakerWindow` fetches, at least this many) that open the circuit. */
  breakerFailures: number;
  /** How long an open circuit refuses before it lets one fetch through to test the service. */
  breakerResetMs: number;
}

export const DEFAULT_SUBGRAPH_FETCH: SubgraphFetchOptions = {
  timeoutMs: 10_000,
  mutationTimeoutMs: 120_000,
  breakerFailures: 5,
  breakerResetMs: 5_000,
};

/** The subgraph could not be reached or did not answer; `reason` is for the error message. */
export class SubgraphUnreachable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export type CircuitState = "closed" | "open" | "half-open";

interface Answer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

// Connection failures that happen before a byte of the answer arrives.
const CONNECT_FAILURE =
  /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|EPIPE|UND_ERR_SOCKET|other side closed|socket hang up/;

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError") return "timeout";
  return [e?.message, e?.cause?.code, e?.cause?.message].filter(Boolean).join(" ");
}

export class SubgraphFetcher {
  private readonly breaker: CircuitBreaker<[string, RequestInit], Answer>;
  private readonly inFlight = new Map<string, Promise<Answer>>();

  constructor(
    readonly serviceName: string,
    private readonly options: SubgraphFetchOptions = DEFAULT_SUBGRAPH_FETCH,
    private readonly onStateChange?: (state: CircuitState) => void,
    /** Called after every fetch sent to the service, with its duration and outcome. */
    private readonly onFetch?: (seconds: number, outcome: "ok" | "unreachable" | "failed") => void,
  ) {
    this.breaker = new CircuitBreaker((url: string, init: RequestInit) => this.send(url, init), {
      timeout: false, // the fetch has its own deadline, which also cancels it
      volumeThreshold: options.breakerFailures,
      errorThresholdPercentage: 50,
      rollingCountTimeout: 10_000,
      resetTimeout: options.breakerResetMs,
      // Only failures to reach the service count; an answer with errors is an answer.
      errorFilter: (error: unknown) => !(error instanceof SubgraphUnreachable),
    });
    this.breaker.on("open", () => this.onStateChange?.("open"));
    this.breaker.on("halfOpen", () => this.onStateChange?.("half-open"));
    this.breaker.on("close", () => this.onStateChange?.("closed"));
  }

  get state(): CircuitState {
    return this.breaker.opened ? "open" : this.breaker.halfOpen ? "half-open" : "closed";
  }

  /** A `fetch` for RemoteGraphQLDataSource. */
  readonly fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const body = typeof init.body === "string" ? init.body : "";
    // Mutations are never merged or repeated; queries with the same text, variables and
    // identity (the assertion header) are the same request.
    const idempotent = !/^\s*\{?\s*"query"\s*:\s*"\s*mutation\b/.test(body);
    const headers = new Headers(init.headers);
    const key = idempotent ? `${url}\n${headers.get("x-gridgraph-assertion") ?? ""}\n${body}` : null;
    let answer = key ? this.inFlight.get(key) : undefined;
    if (!answer) {
      answer = this.fire(url, init, idempotent);
      if (key) {
        this.inFlight.set(key, answer);
        void answer.then(
          () => this.inFlight.delete(key),
          () => this.inFlight.delete(key),
        );
      }
    }
    const { status, statusText, headers: answerHeaders, body: text } = await answer;
    return new Response(text, { status, statusText, headers: answerHeaders });
  };

  private async fire(url: string, init: RequestInit, idempotent: boolean): Promise<Answer> {
    try {
      return await this.breaker.fire(url, { ...init, idempotent } as RequestInit);
    } catch (error) {
      if ((error as { code?: string }).code === "EOPENBREAKER")
        throw new SubgraphUnreachable(
          `it failed repeatedly and is given ${Math.round(this.options.breakerResetMs / 1000)} s to recover`,
        );
      throw error;
    }
  }

  private async send(url: string, init: RequestInit & { idempotent?: boolean }): Promise<Answer> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const answer = await this.attempt(url, init);
      this.onFetch?.(seconds(), "ok");
      return answer;
    } catch (error) {
      this.onFetch?.(seconds(), error instanceof SubgraphUnreachable ? "unreachable" : "failed");
      throw error;
    }
  }

  private async attempt(url: string, init: RequestInit & { idempotent?: boolean }): Promise<Answer> {
    const { idempotent, ...request } = init;
    const deadline = idempotent ? this.options.timeoutMs : this.options.mutationTimeoutMs;
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(url, { ...request, signal: AbortSignal.timeout(deadline) });
        return {
          status: res.status,
          statusText: res.statusText,
          headers: [...res.headers.entries()],
          body: await res.text(),
        };
      } catch (error) {
        const reason = describe(error);
        if (reason === "timeout")
          throw new SubgraphUnreachable(
            idempotent
              ? `it did not answer within ${deadline / 1000} s`
              : // The service may still be making the change: saying "nothing changed" could be false.
                `it did not answer within ${deadline / 1000} s; the change may still be made there, so look before trying again`,
          );
        if (!CONNECT_FAILURE.test(reason)) throw error;
        // A kept-alive connection the service closed just as it was reused: nothing was
        // processed, so a query is sent once more on a fresh connection.
        if (idempotent && attempt === 1 && /ECONNRESET|UND_ERR_SOCKET|other side closed/.test(reason))
          continue;
        throw new SubgraphUnreachable(
          /ECONNREFUSED/.test(reason) ? "nothing listens at its address" : reason,
        );
      }
    }
  }

  shutdown() {
    this.breaker.shutdown();
  }
}
