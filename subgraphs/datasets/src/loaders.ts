import type { EntityManager } from "@mikro-orm/postgresql";
import { byIdLoader, childPageLoaders, groupLoader, loadChildPages, type Access } from "../../kit/src";
import { visibleDatasetFilter, visibleDatasetSql } from "./domain/dataset.policy";
import { Dataset, Replica } from "./entities";

/** Per-request loaders: every list-to-entity field and reference goes through one of these. */
/** Visibility is part of every query here: a hidden dataset loads as null, its replicas not at all. */
export function createLoaders(em: EntityManager, access: Access) {
  const visible = visibleDatasetFilter(access);
  return {
    datasetById: byIdLoader((ids) =>
      em.find(Dataset, visible ? { $and: [{ id: { $in: [...ids] } }, visible] } : { id: { $in: [...ids] } }),
    ),
    replicasByDataset: groupLoader<string, Replica>(
      (ids) => em.find(Replica, { dataset: { $in: [...ids] } }, { orderBy: { id: "asc" } }),
      (r) => r.datasetId,
    ),
    replicasBySite: childPageLoaders((siteIds, page) =>
      loadChildPages(
        em,
        Replica,
        `select r.*, r.site_id as __parent from replica r join dataset d on d.id = r.dataset_id
         where r.site_id in (?) and ${visibleDatasetSql(access, "d")}`,
        siteIds,
        page,
      ),
    ),
  };
}

export type DatasetLoaders = ReturnType<typeof createLoaders>;
