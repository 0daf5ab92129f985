import type { ObjectQuery } from "@mikro-orm/core";
import type { Access } from "@gridgraph/kit";
import { AccessLevel, type Dataset } from "../entities";

/**
 * Who sees a dataset: PUBLIC ones everybody, once any embargo has passed; VO ones (and
 * embargoed PUBLIC ones) the members of the dataset's VO; PRIVATE ones their owner;
 * platform administrators all. Written once, as a MikroORM filter: lookups, lists, totals,
 * `_entities` and the batched child pages (`Site.replicas`) all apply this one.
 */
export function visibleDatasetFilter(access: Access, now = new Date()): ObjectQuery<Dataset> | null {
  if (access.isPlatformAdmin()) return null;
  const anyone = {
    access: AccessLevel.PUBLIC,
    $or: [{ embargoUntil: null }, { embargoUntil: { $lte: now } }],
  };
  const or: ObjectQuery<Dataset>[] = [anyone];
  const vos = access.vos();
  if (vos.length) or.push({ access: { $in: [AccessLevel.PUBLIC, AccessLevel.VO] }, vo: { $in: vos } });
  if (access.sub) or.push({ owner: access.sub });
  return { $or: or } as ObjectQuery<Dataset>;
}

/**
 * Who may see the people behind a dataset (its owner's subject): the owner, the members of its
 * VO and platform administrators. Everybody else sees the data, not who holds it.
 */
export function canSeePeopleOfDataset(access: Access, dataset: Dataset): boolean {
  return (
    access.isPlatformAdmin() ||
    (access.sub !== null && dataset.owner === access.sub) ||
    access.isMemberOf(dataset.vo)
  );
}

/** May the viewer change this dataset (add replicas)? Its owner, its VO's managers, platform admins. */
export function canEditDataset(access: Access, dataset: Dataset): boolean {
  return (
    access.isPlatformAdmin() ||
    (access.sub !== null && dataset.owner === access.sub) ||
    access.managedVos().includes(dataset.vo)
  );
}
