import type { EntityManager } from "@mikro-orm/postgresql";
import { byIdLoader, childPageLoaders, groupLoader, loadChildPages } from "../../kit/src";
import { Dataset, Replica } from "./entities";

/** Per-request loaders: every list-to-entity field and reference goes through one of these. */
export function createLoaders(em: EntityManager) {
  return {
    datasetById: byIdLoader((ids) => em.find(Dataset, { id: { $in: [...ids] } })),
    replicasByDataset: groupLoader<string, Replica>(
      (ids) => em.find(Replica, { dataset: { $in: [...ids] } }, { orderBy: { id: "asc" } }),
      (r) => r.datasetId,
    ),
    replicasBySite: childPageLoaders((siteIds, page) =>
      loadChildPages(
        em,
        Replica,
        `select r.*, r.site_id as __parent from replica r where r.site_id in (?)`,
        siteIds,
        page,
      ),
    ),
  };
}

export type DatasetLoaders = ReturnType<typeof createLoaders>;
