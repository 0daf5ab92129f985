import type { FilterQuery } from "@mikro-orm/core";
import { sqlInList, sqlLiteral, type Access } from "../../../kit/src";
import { AccessLevel, type Dataset } from "../entities";

/**
 * Who sees a dataset: PUBLIC ones everybody, once any embargo has passed; VO ones (and
 * embargoed PUBLIC ones) the members of the dataset's VO; PRIVATE ones their owner;
 * platform administrators all. The same rule in three forms, kept side by side: a MikroORM
 * filter (lists, counts, lookups), SQL (batched loaders), and a check on a loaded row.
 */
export function visibleDatasetFilter(access: Access, now = new Date()): FilterQuery<Dataset> | null {
  if (access.isPlatformAdmin()) return null;
  const anyone = {
    access: AccessLevel.PUBLIC,
    $or: [{ embargoUntil: null }, { embargoUntil: { $lte: now } }],
  };
  const or: FilterQuery<Dataset>[] = [anyone];
  const vos = access.vos();
  if (vos.length) or.push({ access: { $in: [AccessLevel.PUBLIC, AccessLevel.VO] }, vo: { $in: vos } });
  if (access.sub) or.push({ owner: access.sub });
  return { $or: or } as FilterQuery<Dataset>;
}

export function visibleDatasetSql(access: Access, alias: string): string {
  if (access.isPlatformAdmin()) return "true";
  const parts = [
    `(${alias}.access = 'PUBLIC' and (${alias}.embargo_until is null or ${alias}.embargo_until <= now()))`,
  ];
  const vos = access.vos();
  if (vos.length) parts.push(`(${alias}.access in ('PUBLIC', 'VO') and ${sqlInList(`${alias}.vo`, vos)})`);
  if (access.sub) parts.push(`${alias}.owner = ${sqlLiteral(access.sub)}`);
  return `(${parts.join(" or ")})`;
}

export function canSeeDataset(access: Access, dataset: Dataset, now = new Date()): boolean {
  if (access.isPlatformAdmin() || (access.sub && dataset.owner === access.sub)) return true;
  if (dataset.access === AccessLevel.PRIVATE) return false;
  if (access.isMemberOf(dataset.vo)) return true;
  return dataset.access === AccessLevel.PUBLIC && (!dataset.embargoUntil || dataset.embargoUntil <= now);
}

/** May the viewer change this dataset (add replicas)? Its owner, its VO's managers, platform admins. */
export function canEditDataset(access: Access, dataset: Dataset): boolean {
  return (
    access.isPlatformAdmin() ||
    (access.sub !== null && dataset.owner === access.sub) ||
    access.managedVos().includes(dataset.vo)
  );
}
