import { randomUUID } from "node:crypto";
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { createFormatError, startHttpServer, type Logger } from "../../subgraphs/kit/src";
import { RegistrySupergraphManager } from "./supergraph-manager";

export interface GatewayContext {
  authorization?: string;
  requestId: string;
}

export interface GatewayOptions {
  registryUrl: string;
  port: number;
  host?: string;
  logger: Logger;
  exposeInternals?: boolean;
  pollIntervalMs?: number;
  startTimeoutMs?: number;
}

/** Forwards the caller's token and the request id to every subgraph fetch. */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (!("requestId" in context)) return; // the gateway's own health checks
    if (context.authorization) request.http?.headers.set("authorization", context.authorization);
    request.http?.headers.set("x-request-id", context.requestId);
  }
}

/**
 * A subgraph that cannot be reached leaves its fields null with an error saying which
 * service is down; the rest of the answer is kept.
 */
function formatGatewayError(logger: Logger, exposeInternals: boolean) {
  const base = createFormatError(logger, exposeInternals);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const serviceName = formatted.extensions?.serviceName as string | undefined;
    const message = formatted.message ?? "";
    if (serviceName && /ECONNREFUSED|fetch failed|socket hang up|ECONNRESET|ETIMEDOUT/.test(message)) {
      return {
        message: `The ${serviceName} service is unavailable; fields it provides are missing from this answer.`,
        path: formatted.path,
        extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName },
      };
    }
    const out = base(formatted, error);
    return serviceName && out.extensions ? { ...out, extensions: { ...out.extensions, serviceName } } : out;
  };
}

export async function startGateway(options: GatewayOptions) {
  const { logger } = options;
  const manager = new RegistrySupergraphManager(options.registryUrl, logger, {
    pollIntervalMs: options.pollIntervalMs ?? 5000,
    startTimeoutMs: options.startTimeoutMs ?? 60_000,
  });
  const gateway = new ApolloGateway({
    supergraphSdl: manager,
    buildService: ({ url }) => new ForwardingDataSource({ url }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatGatewayError(logger, options.exposeInternals ?? false),
    includeStacktraceInErrorResponses: options.exposeInternals ?? false,
    introspection: true,
  });
  await apollo.start();

  const http = await startHttpServer({
    apollo,
    port: options.port,
    host: options.host,
    context: async (req) => ({
      authorization: req.headers.authorization,
      requestId: (req.headers["x-request-id"] as string | undefined) ?? randomUUID(),
    }),
    health: async () => ({ status: "ok", service: "gateway", registry: options.registryUrl }),
  });
  logger.info("gateway listening", { url: http.url });
  return {
    url: http.url,
    port: http.port,
    async stop() {
      await http.close();
      await apollo.stop();
    },
  };
}
