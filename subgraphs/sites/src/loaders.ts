import type { EntityManager } from "@mikro-orm/postgresql";
import { raw } from "@mikro-orm/core";
import { byIdLoader, childPageLoaders, groupLoader, loadChildPages, type Access } from "@gridgraph/kit";
import {
  ApplicationEnvironment,
  ComputeEndpoint,
  ComputeShare,
  Downtime,
  ExecutionEnvironment,
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
