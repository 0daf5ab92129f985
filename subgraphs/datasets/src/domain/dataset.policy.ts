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

/**
 * Where a dataset's logical file name may be (DIRAC's and Rucio's convention): under a prefix
 * its VO owns (DATA_NAMESPACES, plus `/<vo>/` for every VO), and a PRIVATE dataset under its
 * owner's user area `<prefix>user/<subject>/`, which only that owner writes. So every name a
 * member can collide with is one they may see: a refusal never tells that hidden data exists.
 * Returns what is wrong, or null.
 */
export function lfnProblem(
  namespaces: Record<string, string>,
  lfn: string,
  dataset: { vo: string; access: AccessLevel; owner: string },
): string | null {
  const owned = { ...namespaces, [`/${dataset.vo}/`]: dataset.vo };
  const prefix = Object.keys(owned)
    .filter((p) => lfn.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  const ofVo = Object.keys(owned).filter((p) => owned[p] === dataset.vo);
  if (!prefix || owned[prefix] !== dataset.vo)
    return `'lfn' must be under a namespace of ${dataset.vo} (${ofVo.join(", ")}); got '${lfn}'.`;
  const userArea = `${prefix}user/`;
  const own = `${userArea}${dataset.owner}/`;
  if (lfn.startsWith(userArea) && !lfn.startsWith(own))
    return `'${userArea}<subject>/' is each user's own area; yours is '${own}'.`;
  if (dataset.access === AccessLevel.PRIVATE && !lfn.startsWith(own))
    return `A PRIVATE dataset goes under your user area '${own}' (names elsewhere in the namespace are seen by the whole VO).`;
  return null;
}
