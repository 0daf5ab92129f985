import type { EntityManager } from "@mikro-orm/postgresql";
import type { Access } from "./identity";
import type { Logger } from "./logger";

/** What every resolver of every subgraph receives. */
export interface SubgraphContext<L = unknown> {
  /** A fresh EntityManager fork for this request: its own identity map and unit of work. */
  em: EntityManager;
  /** Per-request DataLoaders: batching and caching live exactly as long as the request. */
  loaders: L;
  requestId: string;
  logger: Logger;
  /** The caller's rights, from the gateway's signed assertion (anonymous without one). */
  access: Access;
  /** What the subgraph's background work gives its resolvers (e.g. the jobs service's dispatcher). */
  runtime?: unknown;
}
