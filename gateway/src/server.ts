import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { randomUUID } from "node:crypto";
import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import type { Span } from "@opentelemetry/api";
import {
  ApiError,
  ASSERTION_HEADER,
  AssertionSigner,
  createFormatError,
  type DelegationVerifier,
  HttpRequestError,
  metricsPlugin,
  tracedCall,
  tracingPlugin,
  unexpectedErrorLogging,
  startHttpServer,
  type AssertionKeys,
  type Logger,
} from "@gridgraph/kit";
import { Admission } from "./admission";
import { notebookProxy } from "./notebook-proxy";
import { circuitValue, createGatewayMetrics } from "./gateway-metrics";
import type { TokenVerifier } from "./auth";
import { checkQueryText, DEFAULT_LIMITS, queryLimits, type QueryLimits } from "./limits";
import {
  DEFAULT_SUBGRAPH_FETCH,
  SubgraphFetcher,
  SubgraphUnreachable,
  type SubgraphFetchOptions,
} from "./subgraph-fetcher";
import { RegistrySupergraphManager } from "./supergraph-manager";
import { UsageReporter } from "./usage-reporter";
import { portalHandler, type PortalOptions } from "./portal";

export interface GatewayContext {
  requestId: string;
  /**
   * The signed identity assertion for a subgraph, made on first use per subgraph and request
   * (each names the one subgraph it is for); absent for anonymous callers.
   */
  assertionFor?: (service: string) => Promise<string>;
  /** This request's trace span (set by the tracing plugin); subgraph fetches are its children. */
  span?: Span;
}

export interface GatewayOptions {
  registryUrl: string;
  /** The gateways' secret for reading the supergraph (REGISTRY_GATEWAY_SECRET). */
  registrySecret: string;
  port: number;
  host?: string;
  logger: Logger;
  exposeInternals?: boolean;
  pollIntervalMs?: number;
  startTimeoutMs?: number;
  tokens: TokenVerifier;
  /** Services trusted to call on a user's behalf (DELEGATE_JWKS, decision 0015). */
  delegations?: DelegationVerifier;
  assertionKeys: AssertionKeys;
  /** What the gateway refuses before execution (defaults: DEFAULT_LIMITS). */
  limits?: QueryLimits;
  /** Redis for rate-limit counts shared by gateway replicas; without it, per process. */
  redisUrl?: string;
  /** Where the last supergraph is kept for a start while the registry is down; none: not kept. */
  supergraphCacheFile?: string;
  /** Deadline and circuit breaker of subgraph fetches (defaults: DEFAULT_SUBGRAPH_FETCH). */
  subgraphFetch?: SubgraphFetchOptions;
  /** How often field usage goes to the registry (default 10 s); 0: only on flush and stop. */
  usageReportIntervalMs?: number;
  /** The science portal served at `/`; none: the gateway serves only the graph. */
  portal?: PortalOptions;
}

/**
 * One subgraph as the gateway's query plan sees it. Sends the signed identity assertion and
 * the request id with every fetch (never the caller's token), through a SubgraphFetcher
 * (deadline, circuit breaker, merged identical queries). A service that cannot be reached
 * becomes SUBGRAPH_UNAVAILABLE naming it and why: its fields come back null with that error
 * while the rest of the answer is kept. A request the subgraph refused keeps the subgraph's
 * own code and message.
 */
/** The trace headers (W3C traceparent) of each subgraph fetch, from process to willSendRequest. */
const traceHeaders = new WeakMap<object, Record<string, string>>();

class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly serviceName: string,
    url: string,
    private readonly subgraph: SubgraphFetcher,
  ) {
    super({ url, fetcher: subgraph.fetch as never });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    for (const [name, value] of Object.entries(traceHeaders.get(request) ?? {}))
      request.http?.headers.set(name, value);
    if (!("requestId" in context)) return; // the gateway's own health checks
    if (context.assertionFor)
      request.http?.headers.set(ASSERTION_HEADER, await context.assertionFor(this.serviceName));
    request.http?.headers.set("x-request-id", context.requestId);
  }

  override async errorFromResponse(response: Response) {
    // A subgraph answers 400 for a request it refuses as a whole (a variable it cannot
    // coerce, say): pass on what it said instead of "400: Bad Request".
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { errors?: { message: string; extensions?: { code?: string } }[] } | null;
    const first = body?.errors?.[0];
    if (first && response.status < 500) {
      const code = first.extensions?.code;
      return new ApiError(
        code === "UNAUTHENTICATED" || code === "FORBIDDEN" || code === "NOT_FOUND" ? code : "BAD_USER_INPUT",
        first.message,
        { serviceName: this.serviceName },
      );
    }
    return super.errorFromResponse(response);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    try {
      const span = "span" in options.context ? options.context.span : undefined;
      return await tracedCall(`fetch ${this.serviceName}`, span, (headers) => {
        traceHeaders.set(options.request, headers); // set on the fetch in willSendRequest
        return super.process(options);
      });
    } catch (error) {
      if (error instanceof SubgraphUnreachable) {
        throw new ApiError(
          "SUBGRAPH_UNAVAILABLE",
          `The ${this.serviceName} service is unavailable (${error.reason}); fields it provides are missing from this answer.`,
          { serviceName: this.serviceName },
        );
      }
      throw error;
    }
  }
}

export async function startGateway(options: GatewayOptions) {
  const { logger } = options;
  const manager = new RegistrySupergraphManager(options.registryUrl, logger, {
    pollIntervalMs: options.pollIntervalMs ?? 5000,
    startTimeoutMs: options.startTimeoutMs ?? 60_000,
    secret: options.registrySecret,
    cacheFile: options.supergraphCacheFile,
  });
  const signer = new AssertionSigner(options.assertionKeys.privateJwk);
  // One per subgraph name, kept across supergraph updates: its circuit state is the service's.
  const fetchers = new Map<string, SubgraphFetcher>();
  // @apollo/gateway otherwise starts a "data collection" meter provider that probes cloud
  // metadata addresses (AWS, GCP, Azure) and sends usage metrics to Apollo. Nothing leaves this
  // deployment unless an operator asks for it (APOLLO_TELEMETRY_DISABLED=false).
  process.env.APOLLO_TELEMETRY_DISABLED ??= "true";
  const gateway = new ApolloGateway({
    supergraphSdl: manager,
    buildService: ({ name, url }) => {
      let fetcher = fetchers.get(name);
      if (!fetcher) {
        metrics.circuit.set({ subgraph: name }, 0);
        fetcher = new SubgraphFetcher(
          name,
          options.subgraphFetch ?? DEFAULT_SUBGRAPH_FETCH,
          (state) => {
            metrics.circuit.set({ subgraph: name }, circuitValue(state));
            logger[state === "open" ? "warn" : "info"]("circuit " + state, { subgraph: name });
          },
          (seconds, outcome) => metrics.subgraphFetch.observe({ subgraph: name, outcome }, seconds),
        );
        fetchers.set(name, fetcher);
      }
      return new ForwardingDataSource(name, url!, fetcher);
    },
  });
  const limits = options.limits ?? DEFAULT_LIMITS;
  const metrics = createGatewayMetrics();
  const usage = new UsageReporter(
    options.registryUrl,
    options.registrySecret,
    logger,
    options.usageReportIntervalMs ?? 10_000,
  );
  const refusals = queryLimits(limits, (limit) => {
    metrics.refusals.inc({ limit });
    logger.debug("query refused", { limit });
  });
  const admission = new Admission({
    tokens: options.tokens,
    delegations: options.delegations,
    limits,
    logger,
    redisUrl: options.redisUrl,
    onRateLimited: () => metrics.rateLimited.inc(),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createFormatError(options.exposeInternals ?? false),
    includeStacktraceInErrorResponses: options.exposeInternals ?? false,
    introspection: true,
    validationRules: refusals.validationRules,
    parseOptions: refusals.parseOptions,
    plugins: [
      ...refusals.plugins,
      metricsPlugin(metrics) as never,
      usage.plugin() as never,
      tracingPlugin<GatewayContext>("gateway"),
      unexpectedErrorLogging<GatewayContext>((context) =>
        context?.requestId ? logger.child({ requestId: context.requestId }) : logger,
      ),
    ],
    // main() handles signals; Apollo's own handler would wait for a start that may never finish.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const portal = options.portal ? portalHandler(options.portal) : undefined;
  const notebooks = notebookProxy({
    admission,
    signer,
    jobsUrl: () => manager.serviceUrl("jobs") ?? null,
    logger,
  });
  const http = await startHttpServer({
    apollo,
    metrics,
    port: options.port,
    host: options.host,
    admit: (req) => admission.admit(req),
    checkQuery: (query) => {
      try {
        checkQueryText(query, limits);
      } catch (error) {
        metrics.refusals.inc({ limit: "maxDepth" });
        throw error;
      }
    },
    context: async (req) => {
      // A caller's own request id is kept only if it is a plain token (it goes into every log line).
      const given = req.headers["x-request-id"];
      const requestId =
        typeof given === "string" && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
      // admit() verified the token before the body was read; only the signed assertion and
      // the request id travel on to subgraphs, never the caller's token (decision 0007).
      const viewer = admission.viewerOf(req);
      if (viewer === undefined) throw new Error("request reached the context without admission");
      if (!viewer) return { requestId };
      const made = new Map<string, Promise<string>>();
      const assertionFor = (service: string) => {
        let assertion = made.get(service);
        if (!assertion) made.set(service, (assertion = signer.sign(viewer, service)));
        return assertion;
      };
      return { requestId, assertionFor };
    },
    routes: async (req, res) => {
      if (req.url === "/.well-known/jwks.json") {
        const body = JSON.stringify(options.assertionKeys.publicJwks);
        res.writeHead(200, { "content-type": "application/jwk-set+json", "cache-control": "max-age=60" });
        res.end(body);
        return true;
      }
      if (notebooks.matches(req.url)) {
        await notebooks.web(req, res);
        return true;
      }
      const streamOwner = serviceRouteOwner(req.url ?? "");
      if (streamOwner) {
        await admission.admit(req);
        const viewer = admission.viewerOf(req);
        const base = manager.serviceUrl(streamOwner);
        if (!base)
          throw new HttpRequestError(
            503,
            "SUBGRAPH_UNAVAILABLE",
            `The ${streamOwner} service is not in the graph.`,
          );
        await proxyServiceRoute(
          streamOwner,
          base,
          req,
          res,
          viewer ? await signer.sign(viewer, streamOwner) : undefined,
        );
        return true;
      }
      if (portal && (await portal(req, res))) return true;
      const glue2 = /^\/glue2(?:\/sites\/([^/?]+))?\/?(?:\?.*)?$/.exec(req.url ?? "");
      if (glue2) {
        if (req.method !== "GET") {
          res.setHeader("allow", "GET");
          throw new HttpRequestError(
            405,
            "METHOD_NOT_ALLOWED",
            `${req.method} is not allowed here; use GET.`,
          );
        }
        let siteId: string | null = null;
        try {
          siteId = glue2[1] ? decodeURIComponent(glue2[1]) : null;
        } catch {
          throw new HttpRequestError(
            400,
            "BAD_REQUEST",
            "The site id in the path is not a valid URL escape.",
          );
        }
        await serveGlue2(http.url, siteId, req, res);
        return true;
      }
      return false;
    },
    health: async () => ({
      status: "ok",
      service: "gateway",
      registry: options.registryUrl,
      supergraph: manager.status,
    }),
  });
  // WebSockets: a notebook session's kernels (the only upgrade the gateway passes on).
  http.server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (notebooks.matches(req.url)) void notebooks.upgrade(req, socket, head);
    else socket.end("HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
  });
  logger.info("gateway listening", { url: http.url });
  return {
    url: http.url,
    port: http.port,
    /** Sends the field usage counted so far to the registry now. */
    flushUsage: () => usage.flush(),
    async stop() {
      await http.close();
      await apollo.stop();
      await usage.stop();
      notebooks.close();
      await admission.close();
      for (const fetcher of fetchers.values()) fetcher.shutdown();
    },
  };
}

/** The subgraphs' own HTTP routes the gateway passes through, and which service serves each. */
const SERVICE_ROUTES: [RegExp, string][] = [
  [/^\/(jobs|job-collections)\/[^/?]+\/(events|stdout|stderr)(\?.*)?$/, "jobs"],
  [/^\/data-requests\/[^/?]+\/events(\?.*)?$/, "datasets"],
  [/^\/ro\/[^/?]+(\/[^/?]+)?(\?.*)?$/, "research-objects"],
];
const serviceRouteOwner = (url: string) => SERVICE_ROUTES.find(([route]) => route.test(url))?.[1] ?? null;

/**
 * A subgraph's own routes (a job's or a data request's event stream, a job's log files),
 * passed through here with the caller's rights (the same signed assertion as GraphQL
 * fetches): the client talks only to the gateway. Streams are piped as they come; a client
 * that goes away ends the upstream request.
 */
async function proxyServiceRoute(
  service: string,
  serviceGraphqlUrl: string,
  req: IncomingMessage,
  res: ServerResponse,
  assertion: string | undefined,
) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    throw new HttpRequestError(405, "METHOD_NOT_ALLOWED", `${req.method} is not allowed here; use GET.`);
  }
  const target = new URL(req.url!, serviceGraphqlUrl);
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: req.method,
      headers: {
        ...(assertion ? { [ASSERTION_HEADER]: assertion } : {}),
        ...(req.headers["last-event-id"] ? { "last-event-id": String(req.headers["last-event-id"]) } : {}),
        accept: req.headers.accept ?? "*/*",
      },
      signal: abort.signal,
    });
  } catch (error) {
    throw new HttpRequestError(
      503,
      "SUBGRAPH_UNAVAILABLE",
      `The ${service} service is unavailable (${(error as Error).message}).`,
    );
  }
  const headers: Record<string, string> = {};
  // `link` and `vary`: a landing page's Signposting and content negotiation.
  for (const name of [
    "content-type",
    "cache-control",
    "content-disposition",
    "content-length",
    "link",
    "vary",
    "allow",
  ]) {
    const value = upstream.headers.get(name);
    if (value) headers[name] = value;
  }
  res.writeHead(upstream.status, headers);
  if (!upstream.body) return void res.end();
  try {
    for await (const chunk of upstream.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  } catch {
    // the client or the service went away: nothing more to send
  }
  res.end();
}

/**
 * GLUE 2.0 JSON over plain HTTP, for tools that do not speak GraphQL: GET /glue2 (the whole
 * registry) and GET /glue2/sites/<id>. Asks this gateway's own GraphQL endpoint, with the
 * caller's Authorization, so the answer is exactly what exportCapabilities gives that caller.
 */
async function serveGlue2(
  graphqlUrl: string,
  siteId: string | null,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const response = await fetch(graphqlUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    },
    body: JSON.stringify({
      query: "query($ids: [ID!]) { exportCapabilities(siteIds: $ids) }",
      variables: { ids: siteId ? [siteId] : null },
    }),
  });
  const answer = (await response.json()) as {
    data?: { exportCapabilities?: { AdminDomain?: unknown[] } };
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const document = answer.data?.exportCapabilities;
  if (!document || answer.errors?.length) {
    const status = response.status >= 400 ? response.status : 502;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify({ errors: answer.errors ?? [{ message: "No export in the answer." }] }));
    return;
  }
  if (siteId && !document.AdminDomain?.length) {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        errors: [{ message: `Site '${siteId}' does not exist.`, extensions: { code: "NOT_FOUND" } }],
      }),
    );
    return;
  }
  res.writeHead(200, {
    "content-type": "application/json",
    "content-disposition": `inline; filename="${siteId ?? "registry"}.glue2.json"`,
  });
  res.end(JSON.stringify(document));
}
