import type { EntityManager } from "@mikro-orm/postgresql";
import { byIdLoader, childPageLoaders, groupLoader, loadChildPages, type Access } from "../../kit/src";
import { visibleResearchObjectFilter, visibleResearchObjectSql } from "./domain/research-object.policy";
import { ItemKind, ResearchObject, ResearchObjectItem } from "./entities";

/** Visibility is part of every query here: a hidden research object loads as null and is never counted. */
export function createLoaders(em: EntityManager, access: Access) {
  const visible = visibleResearchObjectFilter(access);
  const aggregating = (kind: ItemKind) =>
    `select ro.*, i.target_id as __parent from research_object ro
     join research_object_item i on i.research_object_id = ro.id
     where i.kind = '${kind}' and i.target_id in (?) and ${visibleResearchObjectSql(access, "ro")}`;
  return {
    researchObjectById: byIdLoader((ids) =>
      em.find(
        ResearchObject,
        visible ? { $and: [{ id: { $in: [...ids] } }, visible] } : { id: { $in: [...ids] } },
      ),
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
      loadChildPages(em, ResearchObject, aggregating(ItemKind.DATASET), ids, page),
    ),
    researchObjectsByJob: childPageLoaders((ids, page) =>
      loadChildPages(em, ResearchObject, aggregating(ItemKind.JOB), ids, page),
    ),
  };
}

export type ResearchObjectLoaders = ReturnType<typeof createLoaders>;
