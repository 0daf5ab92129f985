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
import { visibleResearchObjectFilter } from "./domain/research-object.policy";
import { ItemKind, ResearchObject, ResearchObjectItem, ResearchObjectState } from "./entities";

/**
 * Visibility is part of every query here (the one rule in research-object.policy.ts): a
 * hidden research object loads as null and is never counted.
 */
export function createLoaders(em: EntityManager, access: Access) {
  const visible = visibleResearchObjectFilter(access);
  /** Research objects aggregating any of `targetIds` as items of `kind`, one row per item. */
  const aggregating = (kind: ItemKind, targetIds: readonly string[]) =>
    em
      .createQueryBuilder(ResearchObjectItem, "i")
      .select([raw("ro.*"), raw("i.target_id as __parent")])
      .join("i.researchObject", "ro")
      .where({
        kind,
        targetId: { $in: [...targetIds] },
        ...(visible ? { researchObject: visible } : {}),
      }) as never;
  return {
    researchObjectById: byIdLoader((ids) =>
      em.find(ResearchObject, andVisible({ id: { $in: [...ids] } }, visible)),
    ),
    itemsByResearchObject: groupLoader<string, ResearchObjectItem>(
      (ids) =>
        em.find(
          ResearchObjectItem,
          { researchObject: { $in: [...ids] } },
          { orderBy: { addedAt: "asc", id: "asc" } },
        ),
      (i) => i.researchObjectId,
    ),
    researchObjectsByDataset: childPageLoaders((ids, page) =>
      loadChildPages(em, ResearchObject, aggregating(ItemKind.DATASET, ids), ids, page),
    ),
    /** Published (snapshot or archived) research objects per dataset: public, so no visibility rule. */
    publishedItemsByDataset: groupLoader<string, { target_id: string }>(
      (ids) =>
        em
          .createQueryBuilder(ResearchObjectItem, "i")
          .select(["i.target_id"])
          .join("i.researchObject", "ro")
          .where({
            kind: ItemKind.DATASET,
            targetId: { $in: [...ids] },
            researchObject: { state: { $ne: ResearchObjectState.LIVE } },
          })
          .execute<{ target_id: string }[]>("all", false),
      (row) => row.target_id,
    ),
    researchObjectsByJob: childPageLoaders((ids, page) =>
      loadChildPages(em, ResearchObject, aggregating(ItemKind.JOB, ids), ids, page),
    ),
  };
}

export type ResearchObjectLoaders = ReturnType<typeof createLoaders>;
