import type { EntityManager } from "@mikro-orm/postgresql";
import type { Site } from "../../entities";
import { SiteChange } from "../../entities";
import { applyChanges, removalChanges } from "../../registry/domain/changes";

type Row = Record<string, unknown>;

/**
 * How imports recognise a record they already have: endpoints by URL, queues by name, node
 * types by their shape, software by name and version, downtimes by their period and text.
 */
export const NATURAL_KEYS = {
  ComputeEndpoint: (x: Row) => String(x.url),
  ComputeShare: (x: Row) => String(x.name),
  ExecutionEnvironment: (x: Row) =>
    [x.platform, x.osName, x.osVersion, x.logicalCpus, x.mainMemory, x.gpuModel ?? ""].join("|"),
  ApplicationEnvironment: (x: Row) => `${String(x.name)}|${String(x.version ?? "")}`,
  StorageEndpoint: (x: Row) => String(x.url),
  Downtime: (x: Row) =>
    [x.severity, (x.startsAt as Date).toISOString(), (x.endsAt as Date).toISOString(), x.description].join(
      "|",
    ),
};

export interface SyncTarget {
  site: Site;
  actor: string;
  report: { created: number; updated: number; unchanged: number; removed: number; warnings: string[] };
}

/**
 * Makes a site's records of one kind equal to `rows` (a published document is the full state):
 * rows are matched to records by natural `key`; matches are updated field by field, new rows
 * created, records the document no longer lists removed. Every change goes into the site's
 * history; counts go into the report. The caller's transaction makes it all or nothing.
 */
export async function syncParts<E extends { id: string }, R extends Record<string, unknown>>(
  em: EntityManager,
  { site, actor, report }: SyncTarget,
  entityType: string,
  entity: new () => E,
  rows: R[],
  key: (x: Record<string, unknown>) => string,
  /** The site's current records of this kind, when the caller loaded them (many sites at once). */
  current?: E[],
) {
  const siteId = site.id;
  const history = (
    entityId: string,
    action: string,
    changes: Record<string, { before: unknown; after: unknown }>,
  ) => em.create(SiteChange, { siteId, actor, entityType, entityId, action, changes });
  const existing = current ?? ((await em.find(entity, { site: siteId } as never)) as E[]);
  const byKey = new Map(existing.map((e) => [key(e as Record<string, unknown>), e]));
  const seen = new Set<string>();
  for (const row of rows) {
    const k = key(row);
    if (seen.has(k)) {
      report.warnings.push(`${entityType} '${k}' appears twice in the document; the first is used.`);
      continue;
    }
    seen.add(k);
    const current = byKey.get(k);
    if (!current) {
      const created = em.create(entity, { ...row, site } as never);
      history(created.id, "CREATE", applyChanges({}, row));
      report.created++;
      continue;
    }
    const changes = applyChanges(current, row);
    if (Object.keys(changes).length) {
      history(current.id, "UPDATE", changes);
      report.updated++;
    } else report.unchanged++;
  }
  for (const [k, e] of byKey) {
    if (seen.has(k)) continue;
    history(e.id, "DELETE", removalChanges(e));
    em.remove(e);
    report.removed++;
  }
}
