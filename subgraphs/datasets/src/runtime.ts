import { gatewayClientFromEnv, type BackgroundServices, type GatewayClient } from "@gridgraph/kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { readDatasetsSettings, type DatasetsSettings } from "./config";
import { dataRequestRoutes } from "./graphql/data-request.route";
import { BuiltinEngine } from "./movement/builtin-engine";
import { TransferError, type TransferEngine } from "./movement/engine";
import { GfalEngine } from "./movement/gfal-engine";
import { Mover } from "./movement/mover";
import { materialiseStandIns } from "./movement/stand-in";
import { StorageMap } from "./movement/storage-map";

/** What the datasets service's resolvers and background work share (ctx.runtime). */
export interface DatasetsRuntime {
  settings: DatasetsSettings;
  graph: GatewayClient;
  storage: StorageMap;
  mover: Mover;
  /** Looks for due data request work now. */
  wake(): void;
  /** The engine that copies from `source` to `destination` under DATA_ENGINE. */
  engineFor(source: string, destination: string): TransferEngine;
}

/** Starts the data mover and gives resolvers the runtime; settings from the environment unless given. */
export function startDatasetsRuntime(services: BackgroundServices) {
  const settings = (services.settings as DatasetsSettings | undefined) ?? readDatasetsSettings();
  const logger = services.logger.child({ component: "mover" });
  const graph = settings.gateway ?? gatewayClientFromEnv("datasets");
  if (!graph.configured)
    logger.warn(
      "DATASETS_DELEGATION_PRIVATE_JWK is not set: replicas and transfers cannot check the sites registry",
    );
  const builtin = new BuiltinEngine();
  let gfal: GfalEngine | null | undefined;
  const gfalEngine = () =>
    gfal === undefined ? (gfal = GfalEngine.available() ? new GfalEngine() : null) : gfal;
  const runtime = {
    settings,
    graph,
    storage: new StorageMap(settings),
    engineFor(source: string, destination: string): TransferEngine {
      if (
        settings.engine === "builtin" ||
        (settings.engine === "auto" && builtin.handles(source, destination))
      ) {
        if (builtin.handles(source, destination)) return builtin;
        throw new TransferError(
          `the builtin engine cannot copy ${source} to ${destination}; DATA_ENGINE=gfal can`,
          false,
        );
      }
      const engine = gfalEngine();
      if (!engine)
        throw new TransferError(
          "gfal-copy is not installed (Debian: gfal2-util-scripts and its plugins)",
          false,
        );
      return engine;
    },
  } as DatasetsRuntime;
  const mover = new Mover(services.db, runtime, logger);
  runtime.mover = mover;
  runtime.wake = () => mover.wake();
  const standIns = () =>
    materialiseStandIns(services.db.orm.em.fork() as EntityManager, runtime.storage, logger).catch(
      (error: unknown) => logger.error("could not write the stand-in files", { error }),
    );
  void standIns().finally(() => mover.start());
  return {
    runtime,
    seeded: async () => void (await standIns()),
    routes: dataRequestRoutes(services.db),
    stop: () => mover.stop(),
  };
}
