import type { EntityManager } from "@mikro-orm/postgresql";
import { badInput, notFound, type Access } from "@gridgraph/kit";
import {
  ApplicationEnvironment,
  ComputeEndpoint,
  ComputeShare,
  ExecutionEnvironment,
  HealthState,
  ServingState,
  Site,
  StorageEndpoint,
} from "../../entities";
import { SiteRecordsService } from "./site-records.service";
import { NATURAL_KEYS, syncParts } from "./sync";
import type { CapabilityDocument } from "./capability-document";
import { glue2LdifToDocument } from "./glue2-ldif";
import { GocdbImport } from "./gocdb-import";
import { GocdbFormatError, parseGocdbXml, type GocdbDocument } from "./gocdb-xml";
import type { ImportReport } from "./import-report";
import { LdifSyntaxError } from "./ldif";

export type CapabilityFormat = "GLUE2_JSON" | "GLUE2_LDIF" | "GOCDB_XML";

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
    if (format === "GLUE2_JSON") {
      const [report] = await new SiteRecordsService(this.em, this.access).importGlue2Json(text, siteId);
      return report;
    }
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

      const sync = <E extends { id: string }, R extends Record<string, unknown>>(
        entityType: string,
        entity: new () => E,
        rows: R[],
        key: (x: Record<string, unknown>) => string,
      ) => syncParts(em, { site, actor, report }, entityType, entity, rows, key);

      await sync(
        "ComputeEndpoint",
        ComputeEndpoint,
        doc.endpoints.map(({ glueId: _id, ...e }) => e),
        NATURAL_KEYS.ComputeEndpoint,
      );
      await sync(
        "ComputeShare",
        ComputeShare,
        doc.shares.map(({ endpointGlueId, ...s }) => ({
          ...s,
          endpointUrl: endpointGlueId ? (urlOf.get(endpointGlueId) ?? null) : null,
        })),
        NATURAL_KEYS.ComputeShare,
      );
      await sync(
        "ExecutionEnvironment",
        ExecutionEnvironment,
        doc.environments,
        NATURAL_KEYS.ExecutionEnvironment,
      );
      if (doc.storageEndpoints) {
        await sync("StorageEndpoint", StorageEndpoint, doc.storageEndpoints, NATURAL_KEYS.StorageEndpoint);
      }
      await sync(
        "ApplicationEnvironment",
        ApplicationEnvironment,
        doc.applications,
        NATURAL_KEYS.ApplicationEnvironment,
      );
      return report;
    });
  }
}
