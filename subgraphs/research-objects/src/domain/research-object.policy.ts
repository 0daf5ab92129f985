import type { FilterQuery } from "@mikro-orm/core";
import { sqlInList, sqlLiteral, type Access } from "../../../kit/src";
import { ResearchObjectState, type ResearchObject } from "../entities";

/**
 * Snapshots and archived research objects are public. A LIVE one is seen by its owner, its
 * co-editors, the members of its VO and platform administrators; only the owner, the
 * co-editors and platform administrators may change it.
 */
export function visibleResearchObjectFilter(access: Access): FilterQuery<ResearchObject> | null {
  if (access.isPlatformAdmin()) return null;
  const or: FilterQuery<ResearchObject>[] = [{ state: { $ne: ResearchObjectState.LIVE } }];
  if (access.sub) or.push({ owner: access.sub }, { coEditors: { $contains: [access.sub] } });
  const vos = access.vos();
  if (vos.length) or.push({ vo: { $in: vos } });
  return { $or: or } as FilterQuery<ResearchObject>;
}

export function visibleResearchObjectSql(access: Access, alias: string): string {
  if (access.isPlatformAdmin()) return "true";
  const parts = [`${alias}.state <> 'LIVE'`];
  if (access.sub) {
    parts.push(
      `${alias}.owner = ${sqlLiteral(access.sub)}`,
      `${sqlLiteral(access.sub)} = any(${alias}.co_editors)`,
    );
  }
  const vos = access.vos();
  if (vos.length) parts.push(sqlInList(`${alias}.vo`, vos));
  return `(${parts.join(" or ")})`;
}

export function canEditResearchObject(access: Access, ro: ResearchObject): boolean {
  if (access.isPlatformAdmin()) return true;
  return access.sub !== null && (ro.owner === access.sub || ro.coEditors.includes(access.sub));
}
