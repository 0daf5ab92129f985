import type { EntityManager } from "@mikro-orm/postgresql";
import { Dataset, Observation, Replica } from "../subgraphs/datasets/src/entities";
import { getCatalogue, type SeedResult } from "./seed-result";

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
