import os from "node:os";
import path from "node:path";
import { ConfigReader, type GatewayClient } from "@gridgraph/kit";

/**
 * A storage endpoint backed by a real storage server instead of the embedded folder: replicas
 * at `endpoint` (the URL the sites registry publishes, e.g. srm://lta-head.lofar.psnc.pl:8443)
 * are read and written at `url` (what the transfer engine speaks: root://host:1094//data,
 * davs://host/dav, file:///srv/data) followed by the replica's path.
 */
export interface StorageRule {
  endpoint: string;
  url: string;
}

/** How the datasets service keeps and moves data; read once at start (README: configuration). */
export interface DatasetsSettings {
  /** How the service asks the graph as a user (decision 0015); unset: from DATASETS_DELEGATION_PRIVATE_JWK. */
  gateway?: GatewayClient;
  /** Logical file name prefixes and the VO owning each (`/lofar/` -> vo.lofar.eu). */
  namespaces: Record<string, string>;
  /** The embedded storage: endpoint E of site S keeps <path> at <storageRoot>/<S>/<host of E>/<path>. */
  storageRoot: string;
  storage: StorageRule[];
  /** Which engine copies: `builtin` (file, http/WebDAV), `gfal` (gfal-copy), `auto` (gfal for what builtin cannot). */
  engine: "builtin" | "gfal" | "auto";
  tickMs: number;
  concurrency: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** How long a recall from the embedded tape (a NEARLINE replica) takes. */
  stageDelayMs: number;
  /** Bytes a VO may have in requests that are not final. */
  quotaBytesPerVo: number;
  /**
   * A mover holds a file this long without news (renewed while it copies); a mover that died
   * loses it after that, and another (or the restarted service) tries again.
   */
  leaseMs: number;
}

export const DEFAULT_NAMESPACES: Record<string, string> = {
  "/lofar/": "vo.lofar.eu",
  "/nenufar/": "vo.nenufar.fr",
  "/eiscat/": "vo.eiscat.se",
  "/process/": "vo.process-project.eu",
};

export function readDatasetsSettings(env = process.env): DatasetsSettings {
  const config = new ConfigReader("datasets", env);
  const namespaces =
    config.json<Record<string, string>>("DATA_NAMESPACES", 'a JSON object {"/lofar/": "vo.lofar.eu"}') ??
    DEFAULT_NAMESPACES;
  for (const [prefix, vo] of Object.entries(namespaces))
    if (!prefix.startsWith("/") || !prefix.endsWith("/") || typeof vo !== "string" || !vo)
      config.problem(`DATA_NAMESPACES: '${prefix}' must start and end with '/' and name a VO`);
  const storage = config.json<StorageRule[]>("DATA_STORAGE", "a JSON array of {endpoint, url}") ?? [];
  if (!Array.isArray(storage)) config.problem("DATA_STORAGE must be a JSON array of {endpoint, url}");
  else
    for (const rule of storage) {
      try {
        new URL(rule.endpoint);
        new URL(rule.url);
      } catch {
        config.problem(`DATA_STORAGE: ${JSON.stringify(rule)} needs 'endpoint' and 'url' URLs`);
      }
    }
  const engine = config.string("DATA_ENGINE", "auto");
  if (!["builtin", "gfal", "auto"].includes(engine))
    config.problem(`DATA_ENGINE must be builtin, gfal or auto; got '${engine}'`);
  const dataDir = config.string("GRIDGRAPH_DATA_DIR", ".data");
  const base = dataDir === "memory" ? path.join(os.tmpdir(), `gridgraph-${process.pid}`) : dataDir;
  const settings: DatasetsSettings = {
    namespaces,
    storageRoot: path.resolve(config.string("DATA_STORAGE_DIR", path.join(base, "storage"))),
    storage: Array.isArray(storage) ? storage : [],
    engine: engine as DatasetsSettings["engine"],
    tickMs: config.integer("DATA_TICK_MS", 500, [20, 3_600_000]),
    concurrency: config.integer("DATA_CONCURRENCY", 4, [1, 256]),
    maxAttempts: config.integer("DATA_MAX_ATTEMPTS", 3, [1, 100]),
    retryBaseMs: config.integer("DATA_RETRY_BASE_MS", 2000, [0, 3_600_000]),
    stageDelayMs: config.integer("DATA_STAGE_DELAY_MS", 2000, [0, 3_600_000]),
    quotaBytesPerVo: config.integer("DATA_QUOTA_BYTES_PER_VO", 2 ** 50, [1, Number.MAX_SAFE_INTEGER]),
    leaseMs: config.integer("DATA_LEASE_MS", 30_000, [1000, 3_600_000]),
  };
  config.done();
  return settings;
}
