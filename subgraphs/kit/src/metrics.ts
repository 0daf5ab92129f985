import type { ApolloServerPlugin } from "@apollo/server";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import { limitOf } from "./errors";

/**
 * Prometheus metrics of one service (a gateway or a subgraph), served at `/metrics`: requests
 * and their latency per operation name and outcome, errors by code, and whatever else the
 * service registers on `registry` (the gateway: subgraph fetches, refusals, circuit states).
 * One registry per service, not prom-client's global one: the test stack runs several services
 * in one process.
 */
export interface ServiceMetrics {
  registry: Registry;
  requestDuration: Histogram<"operation" | "outcome">;
  errors: Counter<"code">;
}

/** Latency buckets in seconds, from a cached lookup to a whole-registry export. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: "gridgraph_" });
  return {
    registry,
    requestDuration: new Histogram({
      name: "gridgraph_graphql_request_duration_seconds",
      help: "GraphQL requests by operation name and outcome (ok, error, refused).",
      labelNames: ["operation", "outcome"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    errors: new Counter({
      name: "gridgraph_graphql_errors_total",
      help: "Errors in GraphQL answers, by extensions.code.",
      labelNames: ["code"],
      registers: [registry],
    }),
  };
}

const MAX_OPERATION_NAMES = 200;

/**
 * An operation name as a label: callers choose names, so an unnamed, odd or new-after-200 name
 * is counted as "other" rather than growing the metrics without bound.
 */
export function operationLabel(seen: Set<string>, name: string | null | undefined): string {
  if (!name) return "anonymous";
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return "other";
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATION_NAMES) return "other";
  seen.add(name);
  return name;
}

/** Times every request and counts its errors. */
export function metricsPlugin(metrics: ServiceMetrics): ApolloServerPlugin {
  const seen = new Set<string>();
  return {
    async requestDidStart() {
      const stop = process.hrtime.bigint();
      let outcome = "ok";
      return {
        async didEncounterErrors({ errors, operation }) {
          // The code the caller gets (formatError turns a limit's refusal into QUERY_TOO_COMPLEX).
          const codes = errors.map((e) =>
            limitOf(e) ? "QUERY_TOO_COMPLEX" : String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"),
          );
          for (const code of codes) metrics.errors.inc({ code });
          // Refused before execution (no operation resolved, or a limit): not the service's work.
          outcome = !operation || codes.some((c) => c === "QUERY_TOO_COMPLEX") ? "refused" : "error";
        },
        async willSendResponse({ operationName }) {
          const seconds = Number(process.hrtime.bigint() - stop) / 1e9;
          metrics.requestDuration.observe(
            { operation: operationLabel(seen, operationName), outcome },
            seconds,
          );
        },
      };
    },
  };
}
