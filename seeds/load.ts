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
import { Dataset, Observation, Replica } from "../subgraphs/datasets/src/entities";
import { Job, JobEvent } from "../subgraphs/jobs/src/entities";
import { ItemKind, ResearchObject, ResearchObjectItem } from "../subgraphs/research-objects/src/entities";
import { buildCatalogue } from "./data/catalogue";
import { buildSiteRecords, type SiteRecords } from "./data/site-records";
import { SITE_SEEDS } from "./data/sites";

/**
 * The loaders that put seed data into each service's own database. Each service loads only
 * its own part; ids line up across services because they come from one deterministic build.
 */
export interface SeedResult {
  loaded: boolean;
  summary: string;
}

let catalogue: ReturnType<typeof buildCatalogue> | undefined;
const getCatalogue = () => (catalogue ??= buildCatalogue());

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

export async function seedDatasets(em: EntityManager): Promise<SeedResult> {
  if ((await em.count(Dataset, {})) > 0) return { loaded: false, summary: "datasets already present" };
  const { datasets, replicas } = getCatalogue();
  await em.transactional(async (tx) => {
    // Seed rows spell enum values as plain strings; the entities' check constraints still apply.
    for (const d of datasets) {
      tx.create(Dataset, { ...d, observation: Object.assign(new Observation(), d.observation) } as never);
    }
    for (const r of replicas)
      tx.create(Replica, { ...r, dataset: tx.getReference(Dataset, r.datasetId) } as never);
  });
  return { loaded: true, summary: `${datasets.length} datasets, ${replicas.length} replicas` };
}

export async function seedJobs(em: EntityManager): Promise<SeedResult> {
  if ((await em.count(Job, {})) > 0) return { loaded: false, summary: "jobs already present" };
  const { jobs } = getCatalogue();
  await em.transactional(async (tx) => {
    for (const { events, ...j } of jobs) {
      const job = tx.create(Job, { ...j, status: j.status as never, updatedAt: events.at(-1)!.at });
      for (const e of events) tx.create(JobEvent, { ...e, status: e.status as never, job });
    }
  });
  return { loaded: true, summary: `${jobs.length} jobs` };
}

export async function seedResearchObjects(em: EntityManager): Promise<SeedResult> {
  if ((await em.count(ResearchObject, {})) > 0)
    return { loaded: false, summary: "research objects already present" };
  const { researchObjects } = getCatalogue();
  await em.transactional(async (tx) => {
    for (const { datasets, jobs, external, ...fields } of researchObjects) {
      const ro = tx.create(ResearchObject, {
        ...fields,
        state: fields.state as never,
        updatedAt: fields.createdAt,
      });
      let t = fields.createdAt.getTime();
      const add = (kind: ItemKind, targetId: string, extra: Record<string, unknown> = {}) =>
        tx.create(ResearchObjectItem, {
          researchObject: ro,
          kind,
          targetId,
          addedAt: new Date((t += 60_000)),
          ...extra,
        });
      datasets.forEach((id) => add(ItemKind.DATASET, id));
      jobs.forEach((id) => add(ItemKind.JOB, id));
      external.forEach((x) =>
        add(ItemKind.EXTERNAL, x.url, { title: x.title, resourceType: x.resourceType }),
      );
    }
  });
  return { loaded: true, summary: `${researchObjects.length} research objects` };
}

export const seedsByService = {
  sites: seedSites,
  datasets: seedDatasets,
  jobs: seedJobs,
  "research-objects": seedResearchObjects,
} as const;
