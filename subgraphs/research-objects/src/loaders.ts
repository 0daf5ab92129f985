import type { EntityManager } from "@mikro-orm/postgresql";
import { byIdLoader, childPageLoaders, groupLoader, loadChildPages } from "../../kit/src";
import { ItemKind, ResearchObject, ResearchObjectItem } from "./entities";

const aggregating = (kind: ItemKind) =>
  `select ro.*, i.target_id as __parent from research_object ro
   join research_object_item i on i.research_object_id = ro.id
   where i.kind = '${kind}' and i.target_id in (?)`;

export function createLoaders(em: EntityManager) {
  return {
    researchObjectById: byIdLoader((ids) => em.find(ResearchObject, { id: { $in: [...ids] } })),
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
