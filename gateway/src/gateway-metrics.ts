import { Counter, Gauge, Histogram } from "prom-client";
import { createMetrics, LATENCY_BUCKETS, type ServiceMetrics } from "@gridgraph/kit";
import type { CircuitState } from "./subgraph-fetcher";

/** The gateway's metrics: every service's (kit) plus what only the gateway sees. */
export interface GatewayMetrics extends ServiceMetrics {
  subgraphFetch: Histogram<"subgraph" | "outcome">;
  refusals: Counter<"limit">;
  rateLimited: Counter;
  circuit: Gauge<"subgraph">;
}

const CIRCUIT_VALUE: Record<CircuitState, number> = { closed: 0, "half-open": 1, open: 2 };

export function createGatewayMetrics(): GatewayMetrics {
  const base = createMetrics("gateway");
  const registers = [base.registry];
  return {
    ...base,
    subgraphFetch: new Histogram({
      name: "gridgraph_subgraph_fetch_duration_seconds",
      help: "Fetches the gateway sent to subgraphs, by subgraph and outcome (ok, unreachable, failed).",
      labelNames: ["subgraph", "outcome"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    refusals: new Counter({
      name: "gridgraph_limit_refusals_total",
      help: "Requests refused before execution, by the limit they hit.",
      labelNames: ["limit"],
      registers,
    }),
    rateLimited: new Counter({
      name: "gridgraph_rate_limited_total",
      help: "Requests refused with 429 because their identity sent too many.",
      registers,
    }),
    circuit: new Gauge({
      name: "gridgraph_subgraph_circuit_state",
      help: "Circuit breaker of each subgraph: 0 closed, 1 half-open (testing), 2 open (not asked).",
      labelNames: ["subgraph"],
      registers,
    }),
  };
}

export function circuitValue(state: CircuitState): number {
  return CIRCUIT_VALUE[state];
}
