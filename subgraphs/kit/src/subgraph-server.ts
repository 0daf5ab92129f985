import type { Duplex } from "node:stream";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { printSubgraphSchema } from "@apollo/subgraph";
import type { Constructor } from "@mikro-orm/core";
import type { Migration } from "@mikro-orm/migrations";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { GraphQLSchema } from "graphql";
import { ASSERTION_HEADER, type AssertionVerifier } from "./assertion";
import type { SubgraphContext } from "./context";
import { Access, type AccessPolicyConfig } from "./identity";
import { openDatabase, type Database, type DatabaseLocation } from "./database";
import { asRequestError, createFormatError, unexpectedErrorLogging } from "./errors";
import { startHttpServer } from "./http-server";
import { createMetrics, metricsPlugin } from "./metrics";
import { tracingPlugin } from "./tracing";
import { createLogger, type Logger } from "./logger";

/** Everything the kit needs to know about one subgraph; each service exports one. */
export interface SubgraphDefinition<L> {
  name: string;
  entities: Constructor[];
  migrations: { name: string; class: Constructor<Migration> }[];
  buildSchema(): Promise<GraphQLSchema>;
  /** Loaders see only what the viewer may see: visibility is part of every batched query. */
  createLoaders(em: EntityManager, access: Access): L;
  /**
   * Work the service does on its own (a schedule, a dispatcher), started with it and stopped
   * before its database. It may give resolvers a `runtime` (ctx.runtime) and serve HTTP routes
   * of its own next to /graphql (the caller's rights from `accessOf`, the same assertion check).
   */
  background?(services: BackgroundServices): {
    stop(): Promise<void>;
    runtime?: unknown;
    /** Called once seed data was loaded (the datasets service writes its stand-in files then). */
    seeded?(): Promise<void>;
    routes?: (
      req: IncomingMessage,
      res: ServerResponse,
      accessOf: (req: IncomingMessage) => Promise<Access>,
    ) => Promise<boolean>;
    /** WebSocket upgrades of its own routes (a notebook session's kernels); false: not one of them. */
    upgrade?: (
      req: IncomingMessage,
      socket: Duplex,
      head: Buffer,
      accessOf: (req: IncomingMessage) => Promise<Access>,
    ) => Promise<boolean>;
  };
}

export interface BackgroundServices {
  db: Database;
  logger: Logger;
  accessPolicy?: AccessPolicyConfig;
  /** What the process was given for its background work (tests pass settings in). */
  settings?: unknown;
}

export interface StartSubgraphOptions {
  port: number;
  host?: string;
  /** Where the data lives, or an already open database (tests share one across restarts). */
  database: DatabaseLocation | Database;
  /** Verifies the gateway's identity assertions. */
  assertions: AssertionVerifier;
  accessPolicy?: AccessPolicyConfig;
  logger?: Logger;
  exposeInternals?: boolean;
  /** Passed to the definition's background work (e.g. the jobs service's settings). */
  settings?: unknown;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  sdl: string;
  db: Database;
  /** The HTTP server, for tests that watch what reaches the subgraph. */
  server: Server;
  /** What the background work gives resolvers (tests look at the jobs dispatcher through it). */
  runtime?: unknown;
  /** Tells the background work that seed data was loaded. */
  seeded(): Promise<void>;
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

const schemaCache = new Map<string, Promise<GraphQLSchema>>();

/** Schemas are built once per process: type-graphql metadata is global and building is slow. */
export function subgraphSchema<L>(def: SubgraphDefinition<L>): Promise<GraphQLSchema> {
  let schema = schemaCache.get(def.name);
  if (!schema) {
    schema = def.buildSchema();
    schemaCache.set(def.name, schema);
  }
  return schema;
}

export async function subgraphSdl<L>(def: SubgraphDefinition<L>): Promise<string> {
  return printSubgraphSchema(await subgraphSchema(def));
}

export async function startSubgraph<L>(
  def: SubgraphDefinition<L>,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const logger = (options.logger ?? createLogger()).child({ service: def.name });
  const schema = await subgraphSchema(def);
  const db =
    "orm" in options.database
      ? options.database
      : await openDatabase({
          service: def.name,
          location: options.database,
          entities: def.entities,
          migrations: def.migrations,
          logger,
        });

  const background = def.background?.({
    db,
    logger,
    accessPolicy: options.accessPolicy,
    settings: options.settings,
  });
  const accessOf = async (req: IncomingMessage) => {
    const header = req.headers[ASSERTION_HEADER];
    const viewer = await options.assertions
      .verify(Array.isArray(header) ? header[0] : header, def.name)
      .catch((error) => Promise.reject(asRequestError(error, 401)));
    return new Access(viewer, options.accessPolicy);
  };
  const metrics = createMetrics(def.name);
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema,
    formatError: createFormatError(options.exposeInternals ?? false),
    includeStacktraceInErrorResponses: options.exposeInternals ?? false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      unexpectedErrorLogging<SubgraphContext<L>>((context) => context?.logger ?? logger),
      metricsPlugin(metrics) as never,
      tracingPlugin(def.name) as never,
    ],
    csrfPrevention: true,
    // The process's own main() handles SIGINT/SIGTERM (see kit/src/main.ts).
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const http = await startHttpServer({
    apollo,
    metrics,
    port: options.port,
    host: options.host,
    context: async (req) => {
      const requestId = (req.headers["x-request-id"] as string | undefined) ?? randomUUID();
      const access = await accessOf(req);
      const em = db.orm.em.fork() as EntityManager;
      return {
        em,
        access,
        loaders: def.createLoaders(em, access),
        requestId,
        logger: logger.child({ requestId, sub: access.sub }),
        runtime: background?.runtime,
      };
    },
    routes: background?.routes ? (req, res) => background.routes!(req, res, accessOf) : undefined,
    health: async () => {
      await db.orm.em.fork().getConnection().execute("select 1");
      return { status: "ok", service: def.name, database: db.description };
    },
  });
  http.server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const handled = background?.upgrade
      ? background.upgrade(req, socket, head, accessOf)
      : Promise.resolve(false);
    handled.then(
      (done) => {
        if (!done) socket.end("HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n");
      },
      (error: unknown) => {
        logger.error("websocket upgrade failed", { error });
        socket.destroy();
      },
    );
  });
  logger.info("subgraph listening", { url: http.url, database: db.description });

  return {
    name: def.name,
    url: http.url,
    port: http.port,
    sdl: printSubgraphSchema(schema),
    db,
    server: http.server,
    runtime: background?.runtime,
    seeded: async () => {
      await background?.seeded?.();
    },
    async stop(stopOptions) {
      await background?.stop();
      await http.close();
      await apollo.stop();
      if (!stopOptions?.keepDatabase) await db.close();
    },
  };
}
