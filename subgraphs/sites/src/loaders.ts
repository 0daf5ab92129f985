import type { EntityManager } from "@mikro-orm/postgresql";
import { raw } from "@mikro-orm/core";
import { byIdLoader, childPageLoaders, groupLoader, loadChildPages, type Access } from "@gridgraph/kit";
import {
  ApplicationEnvironment,
  ComputeEndpoint,
  ComputeShare,
  Downtime,
  ExecutionEnvironment,
  HarvestRun,
  HarvestSource,
  Site,
  SiteChange,
  StorageEndpoint,
} from "./entities";
import type { SitePart } from "./entities/site-part";

type PartClass<T extends SitePart> = new () => T;

/** Per-request loaders: one `IN (...)` statement per kind of part, whatever the number of sites. */
export function createLoaders(em: EntityManager, _access: Access) {
  const partsBySite = <T extends SitePart>(entity: PartClass<T>) =>
    groupLoader<string, T>(
      (siteIds) =>
        em.find(entity, { site: { $in: [...siteIds] } } as never, {
          orderBy: { id: "asc" } as never,
        }) as Promise<T[]>,
      (part) => part.siteId,
    );
  return {
    siteById: byIdLoader((ids) => em.find(Site, { id: { $in: [...ids] } })),
    computeEndpoints: partsBySite(ComputeEndpoint),
    computeShares: partsBySite(ComputeShare),
    executionEnvironments: partsBySite(ExecutionEnvironment),
    applicationEnvironments: partsBySite(ApplicationEnvironment),
    storageEndpoints: partsBySite(StorageEndpoint),
    downtimes: partsBySite(Downtime),
    harvestSources: groupLoader<string, HarvestSource>(
      (siteIds) => em.find(HarvestSource, { siteId: { $in: [...siteIds] } }, { orderBy: { url: "asc" } }),
      (source) => source.siteId,
    ),
    /** The latest run of each source. */
    lastHarvestRun: groupLoader<string, HarvestRun>(
      async (sourceIds) =>
        em
          .createQueryBuilder(HarvestRun, "r")
          .select("*")
          .where({ sourceId: { $in: [...sourceIds] } })
          .andWhere(
            "r.started_at = (select max(x.started_at) from harvest_run x where x.source_id = r.source_id)",
          )
          .getResult(),
      (run) => run.sourceId,
    ),
    historyBySite: childPageLoaders((siteIds, page) =>
      loadChildPages(
        em,
        SiteChange,
        em
          .createQueryBuilder(SiteChange, "c")
          .select(["c.*", raw("c.site_id as __parent")])
          .where({ siteId: { $in: [...siteIds] } }),
        siteIds,
        page,
      ),
    ),
  };
}

export type SiteLoaders = ReturnType<typeof createLoaders>;
