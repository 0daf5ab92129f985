import type { IncomingMessage, ServerResponse } from "node:http";
import {
  gatewayClientFromEnv,
  type Access,
  type BackgroundServices,
  type GatewayClient,
} from "@gridgraph/kit";
import { readJobsSettings, type JobsSettings } from "./config";

import { Backends } from "./execution/backends";
import { Dispatcher } from "./execution/dispatcher";
import { eventRoutes } from "./graphql/job-events.route";
import { sessionRoutes } from "./notebooks/graphql/session.route";

/** What the jobs service's resolvers and background work share (ctx.runtime). */
export interface JobsRuntime {
  settings: JobsSettings;
  graph: GatewayClient;
  backends: Backends;
  /** Runs a dispatcher pass now (a submit does not wait for the next tick). */
  wake(): void;
  dispatcher: Dispatcher;
}

/** Starts the jobs service's dispatcher and gives resolvers the runtime; settings from the environment unless given. */
export function startJobsRuntime(services: BackgroundServices) {
  const settings = (services.settings as JobsSettings | undefined) ?? readJobsSettings();
  const logger = services.logger.child({ component: "dispatcher" });
  const graph = settings.gateway ?? gatewayClientFromEnv("jobs");
  if (!graph.configured)
    logger.warn("JOBS_DELEGATION_PRIVATE_JWK is not set: jobs cannot be placed or their outputs registered");
  const backends = new Backends({
    rules: settings.rules,
    defaultType: settings.defaultBackend,
    workRoot: settings.workRoot,
    stdoutLimitBytes: settings.stdoutLimitBytes,
  });
  const runtime = { settings, graph, backends } as JobsRuntime;
  const dispatcher = new Dispatcher(services.db, runtime, logger);
  runtime.dispatcher = dispatcher;
  runtime.wake = () => dispatcher.wake();
  dispatcher.start();
  const events = eventRoutes(services.db, runtime);
  const sessions = sessionRoutes(services.db, runtime, services.logger.child({ component: "notebooks" }));
  return {
    runtime,
    routes: async (
      req: IncomingMessage,
      res: ServerResponse,
      accessOf: (req: IncomingMessage) => Promise<Access>,
    ) => (await events(req, res, accessOf)) || (await sessions.route(req, res, accessOf)),
    upgrade: sessions.upgrade,
    stop: async () => {
      sessions.close();
      await dispatcher.stop();
    },
  };
}
