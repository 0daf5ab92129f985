import type { ObjectQuery } from "@mikro-orm/core";
import type { Access } from "@gridgraph/kit";
import type { Job } from "../entities";

/**
 * Who sees a job: its owner, the managers of the VO it runs as, platform administrators.
 * Written once, as a MikroORM filter: lookups, lists, totals, `_entities` and the batched
 * child pages (`Site.jobs`, `Dataset.consumedBy`) all apply this one.
 */
export function visibleJobFilter(access: Access): ObjectQuery<Job> | null {
  if (access.isPlatformAdmin()) return null;
  const or: ObjectQuery<Job>[] = [];
  if (access.sub) or.push({ owner: access.sub });
  const managed = access.managedVos();
  if (managed.length) or.push({ vo: { $in: managed } });
  return or.length ? ({ $or: or } as ObjectQuery<Job>) : ({ id: { $in: [] } } as ObjectQuery<Job>);
}
