import { camelize } from "../../raw-rows";
import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * The capability registry as plain rows, held in memory between placement queries. Placement
 * must explain every site's fate, so it reads every site; at 10,000 sites that is ~100,000
 * rows, too many to fetch per query. The snapshot is rebuilt only when the registry changed:
 * every write to a capability table bumps `registry_state.generation` (statement triggers,
 * see the migration), and each placement first reads that one number.
 */
export interface SiteRow {
  id: string;
  officialName: string;
  ngi: string;
  country: string;
  kind: string;
  certificationStatus: string;
  infrastructure: string;
  supportedVos: string[];
  [column: string]: unknown;
}
export interface EndpointRow {
  id: string;
  siteId: string;
  url: string;
  interfaceName: string;
  healthState: string;
  servingState: string;
  [column: string]: unknown;
}
export interface ShareRow {
  id: string;
  siteId: string;
  name: string;
  endpointUrl: string | null;
  /** GLUE2 ServingState of the queue itself (its endpoint has one of its own). */
  servingState: string;
  maxWallTime: number | null;
  maxCpuTime: number | null;
  maxSlotsPerJob: number | null;
  maxMainMemory: number | null;
  freeSlots: number;
  waitingJobs: number;
  estimatedWaitingTime: number | null;
  vos: string[];
  tags: string[];
  /** Tags a job must ask for to be sent here (absent in hand-made snapshots: none). */
  requiredTags?: string[];
  [column: string]: unknown;
}
export interface EnvironmentRow {
  siteId: string;
  platform: string;
  osFamily: string;
  osName: string;
  logicalCpus: number;
  mainMemory: number;
  gpuModel: string | null;
  gpuCount: number;
  benchmarkType: string | null;
  benchmarkValue: number | null;
  [column: string]: unknown;
}
export interface ApplicationRow {
  siteId: string;
  name: string;
  version: string | null;
  [column: string]: unknown;
}
export interface DowntimeRow {
  siteId: string;
  severity: string;
  startsAt: Date;
  endsAt: Date;
  description: string;
  affectedEndpoints: string[];
  [column: string]: unknown;
}

export interface SiteCapabilities {
  site: SiteRow;
  endpoints: EndpointRow[];
  shares: ShareRow[];
  environments: EnvironmentRow[];
  applications: ApplicationRow[];
  downtimes: DowntimeRow[];
}

export interface RegistrySnapshot {
  generation: number;
  sites: SiteCapabilities[];
}

/** Builds a snapshot straight from the tables: six statements, whatever the registry's size. */
export async function loadSnapshot(em: EntityManager, generation: number): Promise<RegistrySnapshot> {
  const conn = em.getConnection();
  const [sites, endpoints, shares, environments, applications, downtimes] = await Promise.all([
    conn.execute("select * from site order by id"),
    conn.execute("select * from compute_endpoint order by site_id, url"),
    conn.execute("select * from compute_share order by site_id, name"),
    conn.execute("select * from execution_environment order by site_id, id"),
    conn.execute("select * from application_environment order by site_id, name"),
    conn.execute("select * from downtime where ends_at > now() order by site_id, starts_at"),
  ]);
  const bySite = new Map<string, SiteCapabilities>();
  for (const site of camelize<SiteRow>(sites)) {
    bySite.set(site.id, {
      site,
      endpoints: [],
      shares: [],
      environments: [],
      applications: [],
      downtimes: [],
    });
  }
  const add = <K extends Exclude<keyof SiteCapabilities, "site">>(key: K, rows: SiteCapabilities[K]) => {
    for (const row of rows) bySite.get((row as { siteId: string }).siteId)?.[key].push(row as never);
  };
  add("endpoints", camelize<EndpointRow>(endpoints));
  add("shares", camelize<ShareRow>(shares));
  add("environments", camelize<EnvironmentRow>(environments));
  add("applications", camelize<ApplicationRow>(applications));
  add("downtimes", camelize<DowntimeRow>(downtimes));
  return { generation, sites: [...bySite.values()] };
}

export async function currentGeneration(em: EntityManager): Promise<number> {
  const rows = await em
    .getConnection()
    .execute<{ generation: string | number }[]>("select generation from registry_state where id = 1");
  return Number(rows[0]?.generation ?? 0);
}

const cache = new WeakMap<
  object,
  { snapshot: Promise<RegistrySnapshot>; generation: number; loadedAt: number }
>();
/** Downtimes end: a snapshot is also refreshed after this long, so ended ones drop out. */
const MAX_AGE_MS = 60_000;

/** The current snapshot for this database (one cache per MikroORM instance). */
export async function registrySnapshot(
  em: EntityManager,
  options: { cached?: boolean } = {},
): Promise<RegistrySnapshot> {
  const generation = await currentGeneration(em);
  if (options.cached === false) return loadSnapshot(em, generation);
  const key = em.config;
  const hit = cache.get(key);
  if (hit && hit.generation === generation && Date.now() - hit.loadedAt < MAX_AGE_MS) return hit.snapshot;
  const snapshot = loadSnapshot(em, generation);
  cache.set(key, { snapshot, generation, loadedAt: Date.now() });
  snapshot.catch(() => cache.delete(key));
  return snapshot;
}

/** Whether a downtime overlaps the window [start, end) (epoch milliseconds). */
export function downtimeOverlaps(d: DowntimeRow, start: number, end: number) {
  return d.startsAt.getTime() < end && d.endsAt.getTime() > start;
}
