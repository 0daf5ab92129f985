import type { ObjectQuery } from "@mikro-orm/core";
import type { Access } from "@gridgraph/kit";
import { ResearchObjectState, type ResearchObject } from "../entities";

/**
 * Snapshots and archived research objects are public. A LIVE one is seen by its owner, its
 * co-editors, the members of its VO and platform administrators; only the owner, the
 * co-editors and platform administrators may change it. The visibility rule is written once,
 * as a MikroORM filter: lookups, lists, totals, `_entities` and the batched child pages
 * (`Dataset.researchObjects`, `Job.researchObjects`) all apply this one.
 */
export function visibleResearchObjectFilter(access: Access): ObjectQuery<ResearchObject> | null {
  if (access.isPlatformAdmin()) return null;
  const or: ObjectQuery<ResearchObject>[] = [{ state: { $ne: ResearchObjectState.LIVE } }];
  if (access.sub) or.push({ owner: access.sub }, { coEditors: { $contains: [access.sub] } });
  const vos = access.vos();
  if (vos.length) or.push({ vo: { $in: vos } });
  return { $or: or } as ObjectQuery<ResearchObject>;
}

/**
 * Who may see the people behind a research object (owner and co-editors' subjects): they
 * themselves, the members of its VO and platform administrators. Creators (names, ORCID iDs)
 * are published metadata and stay visible to all.
 */
export function canSeePeopleOfResearchObject(access: Access, ro: ResearchObject): boolean {
  return canEditResearchObject(access, ro) || access.isMemberOf(ro.vo);
}

export function canEditResearchObject(access: Access, ro: ResearchObject): boolean {
  if (access.isPlatformAdmin()) return true;
  return access.sub !== null && (ro.owner === access.sub || ro.coEditors.includes(access.sub));
}
