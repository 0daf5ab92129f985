import type { EntityManager } from "@mikro-orm/postgresql";
import { badInput, notFound, type Access } from "../../../../kit/src";
import {
  ApplicationEnvironment,
  ComputeEndpoint,
  ComputeShare,
  ExecutionEnvironment,
  HealthState,
  ServingState,
  Site,
  SiteChange,
} from "../../entities";
import { applyChanges, type Changes } from "../changes";
import type { CapabilityDocument } from "./capability-document";
import { glue2LdifToDocument } from "./glue2-ldif";
import { GocdbImport } from "./gocdb-import";
import { GocdbFormatError, parseGocdbXml, type GocdbDocument } from "./gocdb-xml";
import { LdifSyntaxError } from "./ldif";

export type CapabilityFormat = "GLUE2_LDIF" | "GOCDB_XML";

export interface ImportReport {
  siteId: string;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  warnings: string[];
}

const HEALTH = new Set<string>(Object.values(HealthState));
const SERVING = new Set<string>(Object.values(ServingState));

/**
 * Applies a published capability document to one site: in one transaction, matching records
 * by natural key (endpoint URL, queue name, environment shape, application name+version),
 * recording every change in the site's history. Importing the same document again changes
 * nothing. Records the document no longer lists are removed (a BDII dump is the full state).
 */
export class CapabilityImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
  ) {}

  parse(text: string): CapabilityDocument {
    try {
      return glue2LdifToDocument(text);
    } catch (error) {
      if (error instanceof LdifSyntaxError) throw badInput(error.message, "document");
      throw error;
    }
  }

  async import(siteId: string, format: CapabilityFormat, text: string): Promise<ImportReport> {
    this.access.requireSiteAdmin(siteId, `import capabilities of site ${siteId}`);
    if (!text.trim()) throw badInput("The document is empty.", "document");
    if (format === "GOCDB_XML") {
      let gocdb: GocdbDocument;
      try {
        gocdb = parseGocdbXml(text);
      } catch (error) {
        if (error instanceof GocdbFormatError) throw badInput(error.message, "document");
        throw error;
      }
      return new GocdbImport(this.em, this.access.sub!).apply(siteId, gocdb);
    }
    const doc = this.parse(text);
    const warnings = [...doc.warnings];
    for (const e of doc.endpoints) {
      if (!HEALTH.has(e.healthState)) {
        warnings.push(
          `Endpoint ${e.url}: health state '${e.healthState}' is not a GLUE2 value; stored as unknown.`,
        );
        e.healthState = "unknown";
      }
      if (!SERVING.has(e.servingState)) {
        warnings.push(
          `Endpoint ${e.url}: serving state '${e.servingState}' is not a GLUE2 value; stored as production.`,
        );
        e.servingState = "production";
      }
    }
    const urlOf = new Map(doc.endpoints.map((e) => [e.glueId, e.url]));
    const actor = this.access.sub!;
    return this.em.transactional(async (em) => {
      const site = await em.findOne(Site, { id: siteId });
      if (!site) throw notFound("Site", siteId);
      const report: ImportReport = { siteId, created: 0, updated: 0, unchanged: 0, removed: 0, warnings };
      const history = (entityType: string, entityId: string, action: string, changes: Changes) =>
        em.create(SiteChange, { siteId, actor, entityType, entityId, action, changes });

      const sync = async <E extends { id: string }, R extends Record<string, unknown>>(
        entityType: string,
        entity: new () => E,
        rows: R[],
        key: (x: Record<string, unknown>) => string,
      ) => {
        const existing = (await em.find(entity, { site: siteId } as never)) as E[];
        const byKey = new Map(existing.map((e) => [key(e as Record<string, unknown>), e]));
        const seen = new Set<string>();
        for (const row of rows) {
          const k = key(row);
          if (seen.has(k)) {
            warnings.push(`${entityType} '${k}' appears twice in the document; the first is used.`);
            continue;
          }
          seen.add(k);
          const current = byKey.get(k);
          if (!current) {
            const created = em.create(entity, { ...row, site } as never);
            history(
              entityType,
              created.id,
              "CREATE",
              Object.fromEntries(Object.entries(row).map(([f, v]) => [f, { before: null, after: v }])),
            );
            report.created++;
            continue;
          }
          const changes = applyChanges(current, row);
          if (Object.keys(changes).length) {
            history(entityType, current.id, "UPDATE", changes);
            report.updated++;
          } else report.unchanged++;
        }
        for (const [k, e] of byKey) {
          if (seen.has(k)) continue;
          history(entityType, e.id, "DELETE", {
            [entityType === "ComputeShare" ? "name" : "key"]: { before: k, after: null },
          });
          em.remove(e);
          report.removed++;
        }
      };

      await sync(
        "ComputeEndpoint",
        ComputeEndpoint,
        doc.endpoints.map(({ glueId: _id, ...e }) => e),
        (e) => String(e.url),
      );
      await sync(
        "ComputeShare",
        ComputeShare,
        doc.shares.map(({ endpointGlueId, ...s }) => ({
          ...s,
          endpointUrl: endpointGlueId ? (urlOf.get(endpointGlueId) ?? null) : null,
        })),
        (s) => String(s.name),
      );
      await sync("ExecutionEnvironment", ExecutionEnvironment, doc.environments, (e) =>
        [e.platform, e.osName, e.osVersion, e.logicalCpus, e.mainMemory, e.gpuModel ?? ""].join("|"),
      );
      await sync(
        "ApplicationEnvironment",
        ApplicationEnvironment,
        doc.applications,
        (a) => `${a.name}|${a.version ?? ""}`,
      );
      return report;
    });
  }
}
