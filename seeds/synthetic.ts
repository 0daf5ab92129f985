import type { EntityManager } from "@mikro-orm/postgresql";
import { Dataset, Observation, Replica } from "../subgraphs/datasets/src/entities";
import { Job, JobEvent } from "../subgraphs/jobs/src/entities";
import { ItemKind, ResearchObject, ResearchObjectItem } from "../subgraphs/research-objects/src/entities";
import { seededRandom } from "./data/random";
import { buildSiteRecords } from "./data/site-records";
import { SITE_SEEDS, type SiteSeed } from "./data/sites";
import { insertSites } from "./sites";

/**
 * Large synthetic registries and catalogues for benchmarks and the N+1 tests: N sites shaped
 * like the real seeds, M datasets each with a replica, a job that read it and a research
 * object aggregating it. `tag` keeps several generated sets apart in one database.
 */
export interface SyntheticOptions {
  tag: string;
  sites: number;
  datasets: number;
  vo?: string;
  seed?: number;
}

export function syntheticSiteSeeds(options: SyntheticOptions): SiteSeed[] {
  const r = seededRandom(options.seed ?? 7);
  return Array.from({ length: options.sites }, (_, i) => {
    const model = SITE_SEEDS[i % SITE_SEEDS.length];
    return {
      ...model,
      id: `${options.tag.toUpperCase()}-SITE-${String(i).padStart(5, "0")}`,
      officialName: `${model.officialName} (synthetic ${options.tag} ${i})`,
      ngi: `NGI_${options.tag.toUpperCase()}`,
      host: `site${i}.${options.tag}.example.org`,
      vos: options.vo ? [...model.vos, options.vo] : model.vos,
      cpus: model.cpus * r.int(1, 2),
      nodes: r.int(10, 2000),
    };
  });
}

export async function insertSyntheticSites(em: EntityManager, options: SyntheticOptions, now = new Date()) {
  const seeds = syntheticSiteSeeds(options);
  const chunk = 500;
  for (let i = 0; i < seeds.length; i += chunk) {
    const fork = em.fork() as EntityManager;
    await insertSites(
      fork,
      seeds.slice(i, i + chunk).map((s, j) => buildSiteRecords(s, now, i + j)),
    );
  }
  // Planner statistics for the new size (PGlite has no autovacuum to do it): without them the
  // capability filters of `sites` are planned for a handful of rows.
  await em.getConnection().execute("analyze");
  return seeds.map((s) => s.id);
}

const datasetId = (tag: string, i: number) => `${tag}-ds-${String(i).padStart(6, "0")}`;
const jobId = (tag: string, i: number) => `${tag}-job-${String(i).padStart(6, "0")}`;
const siteFor = (tag: string, i: number, sites: number) =>
  `${tag.toUpperCase()}-SITE-${String(i % sites).padStart(5, "0")}`;

export async function insertSyntheticDatasets(em: EntityManager, options: SyntheticOptions) {
  const vo = options.vo ?? `vo.${options.tag}.example.org`;
  await em.transactional(async (tx) => {
    for (let i = 0; i < options.datasets; i++) {
      const id = datasetId(options.tag, i);
      const ds = tx.create(Dataset, {
        id,
        lfn: `/synthetic/${options.tag}/${i}`,
        title: `Synthetic ${options.tag} dataset ${i}`,
        community: "LOFAR" as never,
        instrument: "LOFAR HBA",
        level: (i % 2 ? "L2" : "L1") as never,
        productType: "calibrated visibilities",
        format: "MeasurementSet",
        sizeBytes: 1e12,
        fileCount: 24,
        observation: Object.assign(new Observation(), { observationId: `S${i}`, target: "synthetic" }),
        access: "PUBLIC" as never,
        owner: "synthetic@egi.eu",
        vo,
        derivedFromIds: i > 0 ? [datasetId(options.tag, i - 1)] : [],
      });
      tx.create(Replica, {
        dataset: ds,
        siteId: siteFor(options.tag, i, options.sites),
        storageUrl: "davs://se.example.org:443",
        path: `/s/${i}`,
      });
    }
  });
}

export async function insertSyntheticJobs(em: EntityManager, options: SyntheticOptions) {
  const vo = options.vo ?? `vo.${options.tag}.example.org`;
  await em.transactional(async (tx) => {
    for (let i = 0; i < options.datasets; i++) {
      const job = tx.create(Job, {
        id: jobId(options.tag, i),
        name: `Synthetic job ${i}`,
        owner: "synthetic@egi.eu",
        vo,
        executable: "run.sh",
        inputDatasetIds: [datasetId(options.tag, i)],
        status: "COMPLETED" as never,
        siteId: siteFor(options.tag, i, options.sites),
        exitCode: 0,
        eventCount: 1,
      });
      tx.create(JobEvent, { job, seq: 1, status: "COMPLETED" as never, message: "done" });
    }
  });
}

export async function insertSyntheticResearchObjects(em: EntityManager, options: SyntheticOptions) {
  const vo = options.vo ?? `vo.${options.tag}.example.org`;
  await em.transactional(async (tx) => {
    for (let i = 0; i < options.datasets; i++) {
      const ro = tx.create(ResearchObject, {
        id: `${options.tag}-ro-${String(i).padStart(6, "0")}`,
        title: `Synthetic research object ${i}`,
        creators: [{ name: "Synthetic Author", orcid: null, affiliation: null }],
        owner: "synthetic@egi.eu",
        vo,
      });
      tx.create(ResearchObjectItem, {
        researchObject: ro,
        kind: ItemKind.DATASET,
        targetId: datasetId(options.tag, i),
      });
      tx.create(ResearchObjectItem, {
        researchObject: ro,
        kind: ItemKind.JOB,
        targetId: jobId(options.tag, i),
      });
    }
  });
}
