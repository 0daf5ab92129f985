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
import { Dataset, DataRequestFile, DatasetChange, Replica } from "./entities";

/** Changes shown per dataset (the newest). */
const HISTORY_LIMIT = 100;

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
    // Asked only for datasets already loaded with the viewer's rights.
    historyByDataset: groupLoader<string, DatasetChange>(
      async (ids) => {
        const rows = await em.find(
          DatasetChange,
          { datasetId: { $in: [...ids] } },
          { orderBy: { at: "desc", id: "desc" } },
        );
        const kept = new Map<string, number>();
        return rows.filter((r) => {
          const n = (kept.get(r.datasetId) ?? 0) + 1;
          kept.set(r.datasetId, n);
          return n <= HISTORY_LIMIT;
        });
      },
      (c) => c.datasetId,
    ),
    // Asked only for requests already loaded with the viewer's rights (data-request.policy.ts).
    filesByRequest: groupLoader<string, DataRequestFile>(
      (ids) => em.find(DataRequestFile, { request: { $in: [...ids] } }, { orderBy: { index: "asc" } }),
      (f) => f.requestId,
    ),
    // Counts and bytes per file state, summed in the database: a request of thousands of files
    // followed every second does not load every file's row each time.
    fileStatesByRequest: groupLoader<
      string,
      { requestId: string; state: string; files: number; bytes: number }
    >(
      async (ids) => {
        const rows = await em
          .getConnection()
          .execute<{ request_id: string; state: string; files: number; bytes: string | null }[]>(
            `select request_id, state, count(*)::int as files, sum(bytes_done) as bytes from data_request_file
              where request_id in (${ids.map(() => "?").join(", ")}) group by request_id, state`,
            [...ids],
          );
        return rows.map((r) => ({
          requestId: r.request_id,
          state: r.state,
          files: r.files,
          bytes: Number(r.bytes ?? 0),
        }));
      },
      (r) => r.requestId,
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
