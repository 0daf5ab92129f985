import type { EntityManager } from "@mikro-orm/postgresql";
import { raw } from "@mikro-orm/core";
import {
  andVisible,
  byIdLoader,
  childPageLoaders,
  groupLoader,
  loadChildPages,
  type Access,
} from "@gridgraph/kit";
import { visibleDatasetFilter } from "./domain/dataset.policy";
import { Dataset, Replica } from "./entities";

/**
 * Per-request loaders: every list-to-entity field and reference goes through one of these.
 * Visibility is part of every query here (the one rule in dataset.policy.ts): a hidden
 * dataset loads as null, its replicas not at all.
 */
export function createLoaders(em: EntityManager, access: Access) {
  const visible = visibleDatasetFilter(access);
  return {
    datasetById: byIdLoader((ids) => em.find(Dataset, andVisible({ id: { $in: [...ids] } }, visible))),
    replicasByDataset: groupLoader<string, Replica>(
      (ids) => em.find(Replica, { dataset: { $in: [...ids] } }, { orderBy: { id: "asc" } }),
      (r) => r.datasetId,
    ),
    replicasBySite: childPageLoaders((siteIds, page) =>
      loadChildPages(
        em,
        Replica,
        em
          .createQueryBuilder(Replica, "r")
          .select(["r.*", raw("r.site_id as __parent")])
          .where({ siteId: { $in: [...siteIds] }, ...(visible ? { dataset: visible } : {}) }),
        siteIds,
        page,
      ),
    ),
  };
}

export type DatasetLoaders = ReturnType<typeof createLoaders>;
