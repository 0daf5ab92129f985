import { readFileSync } from "node:fs";
import path from "node:path";
import { LdifContentError, readGlue2Ldif } from "../src/capabilities/domain/glue2-ldif";
import { fromGlue2Json, Glue2JsonError, toGlue2Json } from "../src/capabilities/domain/glue2-json";
import { GocdbFormatError, parseGocdbXml } from "../src/capabilities/domain/gocdb-xml";
import { LdifSyntaxError, parseLdif, readLdif } from "../src/capabilities/domain/ldif";

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
    const [doc] = readGlue2Ldif(fixture("psnc-bdii.ldif"), "PSNC").records;
    expect(doc.endpoints.map((e) => e.url)).toContain("https://ce01.reef.man.poznan.pl:9619");
    const long = doc.shares.find((s) => s.name === "long")!;
    expect(long).toMatchObject({
      maxWallTime: 259200,
      maxCpuTime: 2073600,
      maxSlotsPerJob: 16,
      maxMainMemory: 65536,
      freeSlots: 312,
      endpointUrl: "https://ce01.reef.man.poznan.pl:9619", // named by a folded foreign key
    });
    expect(long.tags).toEqual(expect.arrayContaining(["mcore", "lofar"]));
    expect(doc.environments.length).toBeGreaterThan(0);
    expect(doc.applications.length).toBeGreaterThan(0);
  });
});

describe("LDIF as real BDIIs and tools print it", () => {
  const corpus = (name: string) => fixture(path.join("real-world", "glue2-ldif", name));

  it("reads ldapsearch's output without -LLL: version, comments and its search/result trailer", () => {
    const dump = [
      "# extended LDIF",
      "#",
      "# LDAPv3",
      "# base <o=glue> with scope subtree",
      "version: 1",
      "",
      "# SITE-A, grid, glue",
      "dn: GLUE2DomainID=SITE-A,GLUE2GroupID=grid,o=glue",
      "objectClass: GLUE2AdminDomain",
      "GLUE2DomainID: SITE-A",
      "",
      "dn: GLUE2EndpointID=ce1,GLUE2ServiceID=svc,GLUE2GroupID=resource,GLUE2DomainID=SITE-A,GLUE2GroupID=grid,o=glue",
      "objectClass: GLUE2ComputingEndpoint",
      "GLUE2EndpointURL: https://ce1.site-a.org:8443/arex",
      "GLUE2EndpointInterfaceName: org.nordugrid.arcrest",
      "",
      "# search result",
      "search: 2",
      "result: 0 Success",
      "",
      "# numResponses: 3",
      "# numEntries: 2",
    ].join("\n");
    const doc = readGlue2Ldif(dump, null);
    expect(doc.records[0].site.id).toBe("SITE-A");
    expect(doc.records[0].endpoints.map((e) => e.url)).toEqual(["https://ce1.site-a.org:8443/arex"]);
    expect(() => readGlue2Ldif(dump.replace("result: 0 Success", "result: 32 No such object"), null)).toThrow(
      /search that made this dump failed/,
    );
  });

  it("refuses a dump with no compute or storage objects, and a dump of another site", () => {
    const empty = "dn: o=glue\nobjectClass: organization\no: glue\n";
    expect(() => readGlue2Ldif(empty, "PSNC")).toThrow(LdifContentError);
    expect(() => readGlue2Ldif(empty, "PSNC")).toThrow(/No GLUE2 compute or storage objects found/);
    expect(() => readGlue2Ldif(corpus("infn-bologna-cern-bdii.ldif"), "PSNC")).toThrow(
      /describes site INFN-BOLOGNA \(GLUE2DomainID\), not PSNC/,
    );
  });

  it("reads StoRM's dump: the DN tree where foreign keys name nothing, one endpoint per URL, the location", () => {
    const doc = readGlue2Ldif(corpus("infn-bologna-cern-bdii.ldif"), "INFN-BOLOGNA");
    const [record] = doc.records;
    expect(record.site).toMatchObject({
      id: "INFN-BOLOGNA",
      country: "Italy",
      latitude: 44.4948,
      longitude: 11.3417,
    });
    expect(record.site.homeUrl).toBe("http://www.bo.infn.it");
    expect(record.storageEndpoints).toHaveLength(1);
    expect(record.storageEndpoints[0]).toMatchObject({
      url: "httpg://bostorm.bo.infn.it:8444/srm/managerv2",
      totalCapacity: 3.8,
      freeCapacity: 2.792,
      accessLatency: "online",
    });
    expect(record.storageEndpoints[0].vos).toEqual(expect.arrayContaining(["alice", "atlas", "cms", "ops"]));
    expect(doc.present).toEqual(new Set(["StorageEndpoint"]));
  });

  it("reads an info provider's entries with no blank line between them and over-indented folding", () => {
    // EOS's provider publishes a storage service and its capacity, but no endpoint with a URL.
    expect(() => readGlue2Ldif(corpus("eos-info-provider-eosdev.ldif"), "EOSDEV")).toThrow(
      /1 service\(s\) with no endpoint, queue or node type/,
    );
    const { entries, notes } = readLdif(corpus("eos-info-provider-eosdev.ldif"));
    expect(notes.join()).toMatch(/indented by two spaces/);
    expect(entries.map((e) => e.dn)).toEqual([
      "GLUE2ServiceID=esdss000.cern.ch/Service,GLUE2GroupID=resource,o=glue",
      "GLUE2StorageServiceCapacityID=esdss000.cern.ch/StorageServiceCapacity,GLUE2ServiceID=esdss000.cern.ch/Service,GLUE2GroupID=resource,o=glue",
      "GLUE2ManagerID=esdss000.cern.ch/Manager,GLUE2ServiceID=esdss000.cern.ch/Service,GLUE2GroupID=resource,o=glue",
      "GLUE2ResourceID=esdss000.cern.ch/DataStore,GLUE2ManagerID=esdss000.cern.ch/Manager,GLUE2ServiceID=esdss000.cern.ch/Service,GLUE2GroupID=resource,o=glue",
    ]);
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
