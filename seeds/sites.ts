import type { EntityManager } from "@mikro-orm/postgresql";
import {
  ApplicationEnvironment,
  ComputeEndpoint,
  ComputeShare,
  Downtime,
  ExecutionEnvironment,
  Site,
  StorageEndpoint,
} from "../subgraphs/sites/src/entities";
import { buildSiteRecords, type SiteRecords } from "./data/site-records";
import { SITE_SEEDS } from "./data/sites";
import type { SeedResult } from "./seed-result";

/** Writes site records (used by the seeds and by the synthetic generator). */
export async function insertSites(em: EntityManager, records: SiteRecords[]) {
  for (const r of records) {
    const site = em.create(Site, r.site as never);
    for (const e of r.endpoints) em.create(ComputeEndpoint, { ...e, site } as never);
    for (const s of r.shares) em.create(ComputeShare, { ...s, site } as never);
    for (const x of r.environments) em.create(ExecutionEnvironment, { ...x, site } as never);
    for (const a of r.applications) em.create(ApplicationEnvironment, { ...a, site } as never);
    for (const s of r.storage) em.create(StorageEndpoint, { ...s, site } as never);
    for (const d of r.downtimes) em.create(Downtime, { ...d, site } as never);
  }
  await em.flush();
}

export async function seedSites(em: EntityManager, now = new Date()): Promise<SeedResult> {
  if ((await em.count(Site, {})) > 0) return { loaded: false, summary: "sites already present" };
  const records = SITE_SEEDS.map((s, i) => buildSiteRecords(s, now, i));
  await em.transactional((tx) => insertSites(tx as EntityManager, records));
  return {
    loaded: true,
    summary: `${records.length} sites with endpoints, queues, environments, storage, downtimes`,
  };
}
