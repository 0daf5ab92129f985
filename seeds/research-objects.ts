import type { EntityManager } from "@mikro-orm/postgresql";
import {
  DoiRecord,
  DoiState,
  ItemKind,
  ResearchObject,
  ResearchObjectItem,
} from "../subgraphs/research-objects/src/entities";
import { getCatalogue, type SeedResult } from "./seed-result";

export async function seedResearchObjects(em: EntityManager): Promise<SeedResult> {
  if ((await em.count(ResearchObject, {})) > 0)
    return { loaded: false, summary: "research objects already present" };
  const { researchObjects } = getCatalogue();
  await em.transactional(async (tx) => {
    for (const { datasets, jobs, external, ...fields } of researchObjects) {
      const ro = tx.create(ResearchObject, {
        ...fields,
        state: fields.state as never,
        updatedAt: fields.createdAt,
        doiState: fields.doi ? DoiState.FINDABLE : null,
        publishedAt: fields.state === "LIVE" ? null : fields.createdAt,
      });
      // The embedded minter issued the seeded DOIs (so it never issues them again).
      if (fields.doi)
        tx.create(DoiRecord, {
          doi: fields.doi,
          state: DoiState.FINDABLE,
          createdAt: fields.createdAt,
          updatedAt: fields.createdAt,
        });
      let t = fields.createdAt.getTime();
      const add = (kind: ItemKind, targetId: string, extra: Record<string, unknown> = {}) =>
        tx.create(ResearchObjectItem, {
          researchObject: ro,
          kind,
          targetId,
          addedAt: new Date((t += 60_000)),
          ...extra,
        });
      datasets.forEach((id) => add(ItemKind.DATASET, id));
      jobs.forEach((id) => add(ItemKind.JOB, id));
      external.forEach((x) =>
        add(ItemKind.EXTERNAL, x.url, { title: x.title, resourceType: x.resourceType }),
      );
    }
  });
  return { loaded: true, summary: `${researchObjects.length} research objects` };
}
