import { readFileSync } from "node:fs";
import path from "node:path";
import { glue2LdifToDocument } from "../src/capabilities/domain/glue2-ldif";
import { fromGlue2Json, Glue2JsonError, toGlue2Json } from "../src/capabilities/domain/glue2-json";
import { GocdbFormatError, parseGocdbXml } from "../src/capabilities/domain/gocdb-xml";
import { LdifSyntaxError, parseLdif } from "../src/capabilities/domain/ldif";

/**
 * The capability readers on their own, without a database or a gateway: what each reads from
 * a document and how it refuses a broken one. The end-to-end import tests (test/import*.ts)
 * check what an import then does to the registry.
 */
const fixture = (name: string) =>
  readFileSync(path.join(__dirname, "..", "..", "..", "test", "fixtures", name), "utf8");

describe("LDIF (RFC 2849, as a BDII dumps it)", () => {
  it("unfolds continuation lines, keeps repeated attributes in order, decodes base64 values", () => {
    const entries = parseLdif(
      [
        "# comment",
        "version: 1",
        "",
        "dn: GLUE2ShareID=q1,o=glue",
        "GLUE2ComputingShareTag: mcore",
        "GLUE2ComputingShareTag: lofar",
        "GLUE2ComputingShareComputingEndpointForeignKey: urn:ogf:ComputingEndpoint:ce01.exa",
        " mple.org:9619",
        `GLUE2EntityName:: ${Buffer.from("Pozna\u0144 queue").toString("base64")}`,
        "",
        "dn: GLUE2ShareID=q2,o=glue",
        "GLUE2ComputingShareTag: gpu",
      ].join("\r\n"),
    );
    expect(entries.map((e) => e.dn)).toEqual(["GLUE2ShareID=q1,o=glue", "GLUE2ShareID=q2,o=glue"]);
    const [q1] = entries;
    expect(q1.attributes.get("GLUE2ComputingShareTag")).toEqual(["mcore", "lofar"]);
    expect(q1.attributes.get("GLUE2ComputingShareComputingEndpointForeignKey")).toEqual([
      "urn:ogf:ComputingEndpoint:ce01.example.org:9619",
    ]);
    expect(q1.attributes.get("GLUE2EntityName")).toEqual(["Pozna\u0144 queue"]);
    expect(q1.line).toBe(4);
  });

  it("says which line is wrong", () => {
    expect(() => parseLdif("dn: a=b\nthis is not ldif\n")).toThrow(LdifSyntaxError);
    expect(() => parseLdif("dn: a=b\nthis is not ldif\n")).toThrow(/line 2/);
    expect(() => parseLdif("GLUE2EndpointURL: https://x\n")).toThrow(
      /line 1: attribute 'GLUE2EndpointURL' before any 'dn:'/,
    );
  });

  it("reads a site BDII dump into endpoints, queues with VOs and tags, environments and software", () => {
    const doc = glue2LdifToDocument(fixture("psnc-bdii.ldif"));
    expect(doc.endpoints.map((e) => e.url)).toContain("https://ce01.reef.man.poznan.pl:9619");
    const long = doc.shares.find((s) => s.name === "long")!;
    expect(long).toMatchObject({
      maxWallTime: 259200,
      maxCpuTime: 2073600,
      maxSlotsPerJob: 16,
      maxMainMemory: 65536,
      freeSlots: 312,
      endpointGlueId: "urn:ogf:ComputingEndpoint:ce01.reef.man.poznan.pl:9619", // a folded foreign key
    });
    expect(long.tags).toEqual(expect.arrayContaining(["mcore", "lofar"]));
    expect(doc.environments.length).toBeGreaterThan(0);
    expect(doc.applications.length).toBeGreaterThan(0);
  });
});

describe("GOCDB XML", () => {
  it("reads the site, its service endpoints and downtimes", () => {
    const doc = parseGocdbXml(fixture("psnc-gocdb.xml"));
    expect(doc.sites.map((s) => s.shortName)).toEqual(["PSNC"]);
    expect(doc.sites[0]).toMatchObject({ officialName: expect.stringContaining("Poznan"), ngi: "NGI_PL" });
    expect(doc.endpoints.map((e) => e.url)).toContain("https://ce02.reef.man.poznan.pl:9619");
  });

  it("refuses XML that is not well-formed with its line and column, and XML that is not GOCDB's", () => {
    expect(() => parseGocdbXml("<results>\n  <SITE>\n</results>")).toThrow(GocdbFormatError);
    expect(() => parseGocdbXml("<results>\n  <SITE>\n</results>")).toThrow(/line \d+, column \d+/);
    expect(() => parseGocdbXml("<html><body/></html>")).toThrow(GocdbFormatError);
  });
});

describe("GLUE 2.0 JSON", () => {
  it("reads back what it writes", () => {
    const { records } = fromGlue2Json(fixture("cyfronet-glue2.json"));
    const again = fromGlue2Json(JSON.stringify(toGlue2Json(records as never)));
    expect(again.records).toEqual(records);
  });

  it("refuses what is not a GLUE 2.0 JSON document, saying what one looks like", () => {
    expect(() => fromGlue2Json("{ not json")).toThrow(/The document is not JSON/);
    expect(() => fromGlue2Json("[1, 2]")).toThrow(Glue2JsonError);
    expect(() => fromGlue2Json("[1, 2]")).toThrow(/one array per entity type/);
  });
});
