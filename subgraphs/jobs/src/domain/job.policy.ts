import type { FilterQuery } from "@mikro-orm/core";
import { sqlInList, sqlLiteral, type Access } from "../../../kit/src";
import type { Job } from "../entities";

/**
 * Who sees a job: its owner, the managers of the VO it runs as, platform administrators.
 * The same rule as a MikroORM filter (lists, counts, lookups) and as SQL (batched loaders).
 */
export function visibleJobFilter(access: Access): FilterQuery<Job> | null {
  if (access.isPlatformAdmin()) return null;
  const or: FilterQuery<Job>[] = [];
  if (access.sub) or.push({ owner: access.sub });
  const managed = access.managedVos();
  if (managed.length) or.push({ vo: { $in: managed } });
  return or.length ? ({ $or: or } as FilterQuery<Job>) : ({ id: { $in: [] } } as FilterQuery<Job>);
}

export function visibleJobSql(access: Access, alias: string): string {
  if (access.isPlatformAdmin()) return "true";
  const parts: string[] = [];
  if (access.sub) parts.push(`${alias}.owner = ${sqlLiteral(access.sub)}`);
  const managed = access.managedVos();
  if (managed.length) parts.push(sqlInList(`${alias}.vo`, managed));
  return parts.length ? `(${parts.join(" or ")})` : "false";
}
