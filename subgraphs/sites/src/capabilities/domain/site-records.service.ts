import { FlushMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { badInput, conflict, type Access } from "@gridgraph/kit";
import {
  ApplicationEnvironment,
  ComputeEndpoint,
  ComputeShare,
  Downtime,
  ExecutionEnvironment,
  Site,
  SiteChange,
  StorageEndpoint,
} from "../../entities";
import { applyChanges } from "../../registry/domain/changes";
import { camelize } from "../../raw-rows";
import { checkRecord, Problems, SITE_ID, type RecordKind } from "../../registry/domain/record-rules";
import {
  fromGlue2Json,
  Glue2JsonError,
  toGlue2Json,
  type Glue2JsonDocument,
  type ImportedSiteRecord,
  type SiteRecord,
} from "./glue2-json";
import type { ImportedDocument } from "./capability-document";
import type { ImportReport } from "./import-report";
import { mendRecords } from "./record-quirks";
import { MAX_REMOVAL_SHARE } from "../config";
import { NATURAL_KEYS, syncParts } from "./sync";

export interface ImportOptions {
  /** Apply even when the import removes more than MAX_REMOVAL_SHARE of a site's records. */
  allowRemovals?: boolean;
}

const pick = <T extends object>(row: Record<string, unknown>, template: T): T =>
  Object.fromEntries(
    Object.keys(template).map((k) => [k, row[k] ?? (template as Record<string, unknown>)[k]]),
  ) as T;

/** The parts of a record, with the GLUE2 entity type that carries them and their natural key. */
const PARTS = (
  [
    ["endpoints", "ComputingEndpoint", "ComputeEndpoint", ComputeEndpoint],
    ["shares", "ComputingShare", "ComputeShare", ComputeShare],
    ["environments", "ExecutionEnvironment", "ExecutionEnvironment", ExecutionEnvironment],
    ["applications", "ApplicationEnvironment", "ApplicationEnvironment", ApplicationEnvironment],
    ["storageEndpoints", "StorageEndpoint", "StorageEndpoint", StorageEndpoint],
    ["downtimes", "Downtime", "Downtime", Downtime],
  ] as const
).map(([key, glue, kind, entity]) => ({ key, glue, kind, entity, natural: NATURAL_KEYS[kind] }));

/**
 * Whole site records in and out as GLUE 2.0 JSON: export reads the tables directly (seven
 * statements whatever the registry's size); import checks every record against the same rules
 * as the admin mutations, then creates or updates sites and replaces their parts, all in one
 * transaction, with history. Importing an export into an empty registry reproduces it.
 */
export class SiteRecordsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
  ) {}

  async export(siteIds: string[] | null): Promise<Glue2JsonDocument> {
    return toGlue2Json(await this.load(siteIds));
  }

  async load(siteIds: string[] | null): Promise<SiteRecord[]> {
    const conn = this.em.getConnection();
    if (siteIds?.length === 0) return [];
    // Every site (null), or those named, bound as one list parameter.
    const where = (column: string) => (siteIds ? `where ${column} in (?)` : "");
    const params = siteIds ? [siteIds] : [];
    const select = (sql: string) => conn.execute(sql, params);
    const [sites, endpoints, shares, environments, applications, storage, downtimes] = await Promise.all([
      select(`select * from site ${where("id")} order by id`),
      select(`select * from compute_endpoint ${where("site_id")} order by site_id, url`),
      select(`select * from compute_share ${where("site_id")} order by site_id, name`),
      select(
        `select * from execution_environment ${where("site_id")} order by site_id, platform, os_name, os_version, logical_cpus, main_memory, gpu_model nulls first`,
      ),
      select(`select * from application_environment ${where("site_id")} order by site_id, name, version`),
      select(`select * from storage_endpoint ${where("site_id")} order by site_id, url`),
      select(
        `select * from downtime ${where("site_id")} order by site_id, starts_at, ends_at, severity, description`,
      ),
    ]);
    const bySite = new Map<string, SiteRecord>();
    const T: { [K in keyof SiteRecord]: SiteRecord[K] extends (infer U)[] ? U : SiteRecord[K] } = {
      site: {
        id: "",
        officialName: "",
        ngi: "",
        country: "",
        latitude: null,
        longitude: null,
        certificationStatus: "",
        infrastructure: "",
        kind: "",
        scopes: [],
        supportedVos: [],
        homeUrl: null,
      },
      endpoints: {
        url: "",
        interfaceName: "",
        implementationName: "",
        implementationVersion: null,
        healthState: "",
        servingState: "",
        capabilities: [],
      },
      shares: {
        name: "",
        endpointUrl: null,
        maxWallTime: null,
        maxCpuTime: null,
        maxSlotsPerJob: null,
        maxMainMemory: null,
        freeSlots: 0,
        usedSlots: 0,
        runningJobs: 0,
        waitingJobs: 0,
        estimatedWaitingTime: null,
        vos: [],
        tags: [],
        requiredTags: [],
        servingState: "",
      },
      environments: {
        platform: "",
        osFamily: "",
        osName: "",
        osVersion: "",
        logicalCpus: 0,
        mainMemory: 0,
        gpuModel: null,
        gpuCount: 0,
        totalInstances: 1,
        benchmarkType: null,
        benchmarkValue: null,
      },
      applications: { name: "", version: null },
      storageEndpoints: {
        url: "",
        protocols: [],
        accessLatency: "",
        totalCapacity: 0,
        freeCapacity: 0,
        vos: [],
      },
      downtimes: {
        severity: "",
        classification: "",
        startsAt: new Date(0),
        endsAt: new Date(0),
        description: "",
        affectedEndpoints: [],
      },
    };
    for (const row of camelize<Record<string, unknown>>(sites)) {
      const site = pick(row, T.site);
      bySite.set(site.id, {
        site,
        endpoints: [],
        shares: [],
        environments: [],
        applications: [],
        storageEndpoints: [],
        downtimes: [],
      });
    }
    const add = <K extends Exclude<keyof SiteRecord, "site">>(key: K, rows: Record<string, unknown>[]) => {
      for (const row of camelize<Record<string, unknown>>(rows)) {
        (bySite.get(row.siteId as string)?.[key] as unknown[] | undefined)?.push(pick(row, T[key] as object));
      }
    };
    add("endpoints", endpoints);
    add("shares", shares);
    add("environments", environments);
    add("applications", applications);
    add("storageEndpoints", storage);
    add("downtimes", downtimes);
    return [...bySite.values()];
  }

  /**
   * Imports a GLUE 2.0 JSON document: every site in it (or only `siteId`, which must then be
   * the only one). Creating a site needs the same rights as createSite.
   */
  async importGlue2Json(
    text: string,
    siteId: string | null,
    options: ImportOptions = {},
  ): Promise<ImportReport[]> {
    this.access.requireViewer("import capabilities");
    let parsed: ImportedDocument;
    try {
      parsed = fromGlue2Json(text, siteId);
    } catch (error) {
      if (error instanceof Glue2JsonError) throw badInput(error.message, "document");
      throw error;
    }
    if (!parsed.records.length)
      throw badInput(
        siteId
          ? `The document describes no site resources (${parsed.warnings.filter((w) => w.startsWith("Entity type")).join(" ") || "no entities the registry reads"}); nothing of ${siteId} was changed.`
          : "The document ties nothing to an AdminDomain (site): import it for one site (importSiteCapabilities), or add its AdminDomain.",
        "document",
      );
    return this.importDocument(parsed, siteId, options);
  }

  /**
   * The one way records come in from documents (GLUE 2.0 JSON, LDIF, GOCDB): quirks mapped
   * (record-quirks.ts), every record checked against the same rules as the admin mutations,
   * then sites created or updated and each part the document states replaced, in one
   * transaction with history. An import that would remove more than `maxRemovalShare` of a
   * site's records of those parts is refused unless `allowRemovals` says so.
   */
  async importDocument(
    doc: ImportedDocument,
    siteId: string | null,
    options: ImportOptions = {},
  ): Promise<ImportReport[]> {
    const { records, warnings, present } = doc;
    for (const r of records)
      this.access.requireSiteAdmin(r.site.id, `import capabilities of site ${r.site.id}`);
    if (siteId && records.some((r) => r.site.id !== siteId)) {
      throw badInput(
        `The document describes ${records.map((r) => r.site.id).join(", ")}, not only ${siteId}; import it with importRegistry, or export ${siteId} alone.`,
        "document",
      );
    }
    mendRecords(doc);
    const existing = await this.em.find(Site, { id: { $in: records.map((r) => r.site.id) } });
    this.check(records, new Map(existing.map((site) => [site.id, site])), doc.origins);
    const actor = this.access.sub!;
    // Everything the import compares against is loaded up front, one statement per table, and
    // written in one flush at commit: a query per site inside the loop would make MikroORM
    // re-check every pending change before each one (a registry of 1,000 sites took 110 s).
    const reports = await this.em.transactional(
      async (em) => {
        const ids = records.map((r) => r.site.id);
        const sites = new Map((await em.find(Site, { id: { $in: ids } })).map((site) => [site.id, site]));
        const currentParts = new Map<string, Map<string, { id: string }[]>>();
        for (const part of PARTS) {
          if (!present.has(part.glue)) continue;
          const bySite = new Map<string, { id: string }[]>();
          const rows = (await em.find(part.entity as never, { site: { $in: ids } } as never)) as {
            id: string;
            siteId: string;
          }[];
          for (const row of rows) bySite.set(row.siteId, [...(bySite.get(row.siteId) ?? []), row]);
          currentParts.set(part.kind, bySite);
        }
        const reports: ImportReport[] = [];
        for (const r of records) {
          const report: ImportReport = {
            siteId: r.site.id,
            created: 0,
            updated: 0,
            unchanged: 0,
            removed: 0,
            warnings: reports.length ? [] : warnings,
          };
          const { id, ...fields } = r.site;
          let site = sites.get(id);
          if (!site) {
            site = em.create(Site, { id, ...fields } as never);
            em.create(SiteChange, {
              siteId: id,
              actor,
              entityType: "Site",
              entityId: id,
              action: "CREATE",
              changes: applyChanges({}, fields),
            });
            report.created++;
          } else {
            const changes = applyChanges(site, fields);
            if (Object.keys(changes).length) {
              em.create(SiteChange, {
                siteId: id,
                actor,
                entityType: "Site",
                entityId: id,
                action: "UPDATE",
                changes,
              });
              report.updated++;
            } else report.unchanged++;
          }
          for (const part of PARTS) {
            if (!present.has(part.glue)) continue; // a document without downtimes keeps the site's downtimes
            await syncParts(
              em,
              { site, actor, report },
              part.kind,
              part.entity as never,
              r[part.key] as never,
              part.natural,
              (currentParts.get(part.kind)!.get(id) ?? []) as never,
            );
          }
          const before = PARTS.filter((p) => present.has(p.glue)).reduce(
            (n, p) => n + (currentParts.get(p.kind)!.get(id)?.length ?? 0),
            0,
          );
          if (!options.allowRemovals && before >= 2 && report.removed > before * MAX_REMOVAL_SHARE)
            throw conflict(
              `Importing this document would remove ${report.removed} of ${site.id}'s ${before} records (more than ${Math.round(MAX_REMOVAL_SHARE * 100)}%); nothing was changed. If the site really lost them, import again with allowRemovals.`,
            );
          reports.push(report);
        }
        return reports;
      },
      { flushMode: FlushMode.COMMIT },
    );
    // A bulk load changes the tables' statistics; the embedded database has no autovacuum.
    if (reports.reduce((n, r) => n + r.created, 0) > 1000) await this.em.getConnection().execute("analyze");
    return reports;
  }

  /** Every problem of every record, named by site and record, before anything is written. */
  private check(
    records: ImportedSiteRecord[],
    existing: Map<string, Site>,
    origins?: WeakMap<object, string>,
  ) {
    const all = new Problems();
    const collect = (where: string, kind: RecordKind, fields: object, current: object | null = null) => {
      const problems = new Problems();
      const values = checkRecord(kind, fields as Record<string, unknown>, current as never, problems);
      for (const p of problems.list) all.add(p.field, `${where}: ${p.message}`);
      Object.assign(fields, values); // normalized (trimmed, de-duplicated, upper-case country...)
    };
    for (const r of records) {
      if (!SITE_ID.test(r.site.id)) all.add("document", `Site '${r.site.id}' is not a GOCDB short name.`);
      const { id: _id, ...site } = r.site;
      // An existing site keeps what the document does not state; a new one needs it all.
      collect(`Site ${r.site.id}`, "Site", site, existing.get(r.site.id) ?? null);
      Object.assign(r.site, site);
      for (const part of PARTS) {
        (r[part.key] as Record<string, unknown>[]).forEach((row) => {
          const origin = origins?.get(row);
          collect(
            `${part.glue} ${part.natural(row)}${origin ? ` (${origin})` : ""} of ${r.site.id}`,
            part.kind,
            row,
          );
        });
      }
    }
    all.throwIfAny("The document cannot be imported");
  }
}
