import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  context as otelContext,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
} from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";

/**
 * OpenTelemetry traces across the gateway and the subgraphs, exported over OTLP/HTTP when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set; without it
 * every span is a no-op. The gateway opens a span per request and one per subgraph fetch, and
 * sends W3C `traceparent` with the fetch; a subgraph's request span continues that trace.
 */
let provider: NodeTracerProvider | undefined;

export function tracingEnabled(env = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Starts exporting this process's spans (once per process; later calls are no-ops). */
export function startTracing(service: string, env = process.env): void {
  if (provider || !tracingEnabled(env)) return;
  const url =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ||
    `${String(env.OTEL_EXPORTER_OTLP_ENDPOINT).replace(/\/$/, "")}/v1/traces`;
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": `gridgraph-${service}` }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }), { scheduledDelayMillis: 500 })],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
}

/** Sends every span still buffered (tests, shutdown). */
export async function flushTraces(): Promise<void> {
  await provider?.forceFlush();
}

export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

const tracer = () => trace.getTracer("gridgraph");

/** The request span of a GraphQL request, kept on its context for child spans. */
export interface TracedContext {
  span?: Span;
}

/**
 * A server span per GraphQL request, continuing the caller's trace (`traceparent`), named after
 * the service and the operation; marked failed when the answer carries errors.
 */
export function tracingPlugin<C extends BaseContext & TracedContext>(service: string): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ request, contextValue }) {
      const carrier: Record<string, string> = {};
      for (const [key, value] of request.http?.headers ?? []) carrier[key] = value;
      const parent = propagation.extract(otelContext.active(), carrier);
      const span = tracer().startSpan(`${service} GraphQL`, { kind: SpanKind.SERVER }, parent);
      contextValue.span = span;
      return {
        async didResolveOperation({ operationName }) {
          if (operationName) span.setAttribute("graphql.operation.name", operationName);
          span.updateName(`${service} ${operationName ?? "GraphQL"}`);
        },
        async didEncounterErrors({ errors }) {
          span.setStatus({
            code: SpanStatusCode.ERROR,
            message: String(errors[0]?.extensions?.code ?? errors[0]?.message),
          });
        },
        async willSendResponse() {
          span.end();
        },
      };
    },
  };
}

/**
 * Runs `send` in a client span under `parent` (a request span) and hands it the headers that
 * carry the span to the service called.
 */
export async function tracedCall<T>(
  name: string,
  parent: Span | undefined,
  send: (headers: Record<string, string>) => Promise<T>,
): Promise<T> {
  const parentContext = parent ? trace.setSpan(otelContext.active(), parent) : otelContext.active();
  const span = tracer().startSpan(name, { kind: SpanKind.CLIENT }, parentContext);
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(parentContext, span), headers);
  try {
    return await send(headers);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}
