import type { EntityManager } from "@mikro-orm/postgresql";
import { badInput, type Access } from "@gridgraph/kit";
import { SiteRecordsService, type ImportOptions } from "./site-records.service";
import { LdifContentError, readGlue2Ldif } from "./glue2-ldif";
import { GocdbImport } from "./gocdb-import";
import { GocdbFormatError, parseGocdbXml, type GocdbDocument } from "./gocdb-xml";
import type { ImportReport } from "./import-report";
import { LdifSyntaxError } from "./ldif";
import { SITE_ID } from "../../registry/domain/record-rules";

export type CapabilityFormat = "GLUE2_JSON" | "GLUE2_LDIF" | "GOCDB_XML";

/**
 * Applies a published capability document to one site. GLUE 2.0 JSON and LDIF are read into
 * site records and go through the one import path (SiteRecordsService.importDocument: quirks,
 * record rules, natural keys, history, the removal guard); importing the same document again
 * changes nothing. A document is the full state of the parts it states.
 */
export class CapabilityImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
  ) {}

  async import(
    siteId: string,
    format: CapabilityFormat,
    text: string,
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    this.access.requireSiteAdmin(siteId, `import capabilities of site ${siteId}`);
    if (!text.trim()) throw badInput("The document is empty.", "document");
    const records = new SiteRecordsService(this.em, this.access);
    if (format === "GLUE2_JSON") {
      const [report] = await records.importGlue2Json(text, siteId, options);
      return report;
    }
    if (format === "GOCDB_XML") {
      if (!SITE_ID.test(siteId))
        throw badInput(
          `'${siteId}' is not a site id: a site id is a GOCDB short name (letters, digits, '.', '_', '-'; no spaces).`,
          "siteId",
        );
      let gocdb: GocdbDocument;
      try {
        gocdb = parseGocdbXml(text);
      } catch (error) {
        if (error instanceof GocdbFormatError) throw badInput(error.message, "document");
        throw error;
      }
      return new GocdbImport(this.em, this.access.sub!).apply(siteId, gocdb);
    }
    let doc;
    try {
      doc = readGlue2Ldif(text, siteId);
    } catch (error) {
      if (error instanceof LdifSyntaxError || error instanceof LdifContentError)
        throw badInput(error.message, "document");
      throw error;
    }
    const [report] = await records.importDocument(doc, siteId, options);
    return report;
  }
}
