import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseGocdbXml } from "../subgraphs/sites/src/capabilities/domain/gocdb-xml";
import { SITE_ID } from "../subgraphs/sites/src/registry/domain/record-rules";
import { fromGlue2Json } from "../subgraphs/sites/src/capabilities/domain/glue2-json";
import { LdifContentError, readGlue2Ldif } from "../subgraphs/sites/src/capabilities/domain/glue2-ldif";
import { startStack, type Stack } from "../scripts/in-process-stack";

/**
 * Documents that real grid systems published (test/fixtures/real-world, each folder's
 * SOURCES.txt names where each came from), imported through the gateway. Each one either
 * imports with no error, or describes no site resources and is refused saying so; a second
 * import changes nothing. Every file of a folder is run, so a document added there is tested.
 */
const CORPUS = path.join(__dirname, "fixtures", "real-world");
const files = (folder: string, ext: string) =>
  readdirSync(path.join(CORPUS, folder))
    .filter((f) => f.endsWith(ext))
    .map((f) => [f, readFileSync(path.join(CORPUS, folder, f), "utf8")] as const);

const IMPORT = `mutation($doc: String!, $site: ID!, $format: CapabilityFormat!) {
  importSiteCapabilities(siteId: $site, format: $format, document: $doc) { siteId created updated unchanged removed warnings } }`;
const CREATE_SITE = `mutation($input: CreateSiteInput!) { createSite(input: $input) { site { id } } }`;

describe("real-world documents", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: true });
  });
  afterAll(() => stack?.stop());

  /** The first import changed something; the same document again changes nothing. */
  async function importedThenUnchanged(
    first: { data: any; errors?: unknown[] },
    doc: string,
    site: string,
    format: string,
  ) {
    expect(first.errors).toBeUndefined();
    const report = first.data.importSiteCapabilities;
    expect(report.created + report.updated).toBeGreaterThan(0);
    const again = await stack.query(IMPORT, { doc, site, format }, { as: "pat" });
    expect(again.errors).toBeUndefined();
    expect(again.data.importSiteCapabilities).toMatchObject({ created: 0, updated: 0, removed: 0 });
  }

  /** A site as GOCDB would have created it before its BDII is read. */
  async function ensureSite(id: string) {
    const { data } = await stack.query(`query($id: ID!) { site(id: $id) { id } }`, { id });
    if (data.site) return;
    const created = await stack.query(
      CREATE_SITE,
      {
        input: {
          id,
          officialName: `${id} (created for its BDII dump)`,
          ngi: "NGI_TEST",
          country: "NL",
          certificationStatus: "CERTIFIED",
          infrastructure: "PRODUCTION",
          kind: "HTC",
        },
      },
      { as: "pat" },
    );
    expect(created.errors).toBeUndefined();
  }

  describe.each(files("glue2-ldif", ".ldif"))("GLUE 2.0 LDIF %s", (name, text) => {
    // Which site the dump is of, and whether it describes anything, as the reader sees it.
    let site = "PSNC";
    let describesNothing = false;
    for (const attempt of [null, site]) {
      try {
        site = readGlue2Ldif(text, attempt).records[0].site.id;
        break;
      } catch (error) {
        if (!(error instanceof LdifContentError)) throw error;
        const nothing = /No GLUE2 compute or storage objects.*nothing of (\S+) was changed/.exec(
          error.message,
        );
        if (nothing) {
          [describesNothing, site] = [true, nothing[1]];
          break;
        }
      }
    }

    it(
      describesNothing
        ? "is refused: it describes no site resources"
        : `imports into ${site}, then again unchanged`,
      async () => {
        await ensureSite(site);
        const first = await stack.query(IMPORT, { doc: text, site, format: "GLUE2_LDIF" }, { as: "pat" });
        if (describesNothing) {
          expect(first.errors?.[0]).toMatchObject({
            extensions: { code: "BAD_USER_INPUT" },
            message: expect.stringMatching(
              /No GLUE2 compute or storage objects found.*nothing of \S+ was changed/,
            ),
          });
          return;
        }
        await importedThenUnchanged(first, text, site, "GLUE2_LDIF");
        await placedIfItFits(site);
      },
    );
  });

  describe.each(files("glue2-json", ".json"))("GLUE 2.0 JSON %s", (name, text) => {
    // Published documents are not always JSON (OGF's images.json has a stray backslash).
    const broken = (() => {
      try {
        JSON.parse(text);
        return null;
      } catch {
        return true;
      }
    })();
    // The sites it names (AdminDomain or a cloud provider's hint); one of ours for the rest.
    const named = broken ? [] : fromGlue2Json(text, null).records.map((r) => r.site.id);
    const site = named[0] ?? "CORPUS-TEST";
    const describesNothing = !broken && fromGlue2Json(text, site).records.length === 0;

    it(
      broken
        ? "is refused as not JSON, naming the line and column"
        : describesNothing
          ? "is refused: it describes no site resources"
          : `imports into ${site}, then again unchanged, and placement finds it`,
      async () => {
        await ensureSite(site);
        const first = await stack.query(IMPORT, { doc: text, site, format: "GLUE2_JSON" }, { as: "pat" });
        if (broken) {
          expect(first.errors?.[0]).toMatchObject({
            extensions: { code: "BAD_USER_INPUT" },
            message: expect.stringMatching(/not JSON: line \d+, column \d+: /),
          });
          return;
        }
        if (describesNothing) {
          expect(first.errors?.[0]).toMatchObject({
            extensions: { code: "BAD_USER_INPUT" },
            message: expect.stringMatching(/describes no site resources.*nothing of \S+ was changed/),
          });
          return;
        }
        await importedThenUnchanged(first, text, site, "GLUE2_JSON");
        await placedIfItFits(site);
      },
    );
  });

  /** A job that fits what the site published (a queue for a VO, a node type) is placed there. */
  async function placedIfItFits(site: string) {
    const { data } = await stack.query(
      `query($id: ID!) { site(id: $id) { computeShares { name vos maxSlotsPerJob maxMainMemory } executionEnvironments { logicalCpus mainMemory } } }`,
      { id: site },
    );
    const share = data.site.computeShares.find((q: any) => q.vos.length);
    if (!share || !data.site.executionEnvironments.length) return;
    const placed = await stack.query(
      `query($r: JobRequirementsInput!) { placement(requirements: $r, first: 50) { candidates { site { id } } rejected { site { id } reasons { code message } } } }`,
      { r: { vo: share.vos[0], cores: 1, memoryMb: 256, wallTimeSeconds: 600 } },
      { as: "pat" },
    );
    expect(placed.errors).toBeUndefined();
    const why = placed.data.placement.rejected.find((r: any) => r.site.id === site);
    expect([site, why?.reasons ?? null]).toEqual([site, null]);
    expect(placed.data.placement.candidates.map((c: any) => c.site.id)).toContain(site);
  }

  it("exports what was imported, and that export imported into an empty registry gives the same records", async () => {
    const ids = ["INFN-BOLOGNA", "mysite.com", "BIFI", "CORPUS-TEST"];
    const exported = await stack.query(`query($ids: [ID!]) { exportCapabilities(siteIds: $ids) }`, { ids });
    expect(exported.errors).toBeUndefined();
    const empty = await startStack();
    try {
      const imported = await empty.query(
        `mutation($doc: String!) { importRegistry(document: $doc) { siteId created } }`,
        { doc: JSON.stringify(exported.data.exportCapabilities) },
        { as: "pat" },
      );
      expect(imported.errors).toBeUndefined();
      expect(imported.data.importRegistry.map((r: any) => r.siteId).sort()).toEqual([...ids].sort());
      const again = await empty.query(`query($ids: [ID!]) { exportCapabilities(siteIds: $ids) }`, { ids });
      expect(again.data.exportCapabilities).toEqual(exported.data.exportCapabilities);
    } finally {
      await empty.stop();
    }
  });

  describe.each(files("gocdb-xml", ".xml"))("GOCDB XML %s", (name, text) => {
    const doc = parseGocdbXml(text);
    const named = [
      ...new Set([
        ...doc.sites.map((s) => s.shortName),
        ...doc.endpoints.map((e) => e.siteName),
        ...doc.downtimes.map((d) => d.hostedBy),
      ]),
    ].filter(Boolean);

    it.each(named)(
      "imports what it says of %s, then again unchanged (or refuses an id that is no site id)",
      async (site) => {
        if (!SITE_ID.test(site)) {
          const refused = await stack.query(IMPORT, { doc: text, site, format: "GOCDB_XML" }, { as: "pat" });
          expect(refused.errors?.[0]).toMatchObject({
            extensions: { code: "BAD_USER_INPUT" },
            message: expect.stringMatching(/is not a site id: a site id is a GOCDB short name/),
          });
          return;
        }
        // get_site creates the site; the other methods need it to exist (GOCDB created it before).
        if (!doc.sites.some((s) => s.shortName === site)) await ensureSite(site);
        const first = await stack.query(IMPORT, { doc: text, site, format: "GOCDB_XML" }, { as: "pat" });
        expect(first.errors).toBeUndefined();
        const again = await stack.query(IMPORT, { doc: text, site, format: "GOCDB_XML" }, { as: "pat" });
        expect(again.errors).toBeUndefined();
        expect(again.data.importSiteCapabilities).toMatchObject({ created: 0, updated: 0, removed: 0 });
      },
    );
  });

  it("creates a site from a GOCDB answer that says little, saying what it filled in", async () => {
    const doc = `<results><SITE NAME="TEST-SPARSE" COUNTRY_CODE="SI" ROC="NGI_SI">
      <CERTIFICATION_STATUS>Pending</CERTIFICATION_STATUS></SITE></results>`;
    const { data, errors } = await stack.query(
      IMPORT,
      { doc, site: "TEST-SPARSE", format: "GOCDB_XML" },
      { as: "pat" },
    );
    expect(errors).toBeUndefined();
    expect(data.importSiteCapabilities.warnings).toEqual(
      expect.arrayContaining([
        "GOCDB gives no OFFICIAL_NAME for TEST-SPARSE; its short name is used.",
        "TEST-SPARSE recorded as Candidate: GOCDB gives 'Pending', which is not a GOCDB status.",
        "TEST-SPARSE recorded in the Test infrastructure: GOCDB gives no PRODUCTION_INFRASTRUCTURE.",
      ]),
    );
    const site = await stack.query(
      `{ site(id: "TEST-SPARSE") { officialName country ngi certificationStatus infrastructure } }`,
    );
    expect(site.data.site).toEqual({
      officialName: "TEST-SPARSE",
      country: "SI",
      ngi: "NGI_SI",
      certificationStatus: "CANDIDATE",
      infrastructure: "TEST",
    });
  });

  describe("DIRAC JDL", () => {
    const PLACE = `query($jdl: String!, $vo: String) { placementForJdl(jdl: $jdl, vo: $vo, first: 5) {
      requirements { vo allowedSites } warnings parameters placement { candidates { site { id } } } } }`;

    it.each(files("jdl", ".jdl"))("places %s", async (name, jdl) => {
      const { data, errors } = await stack.query(PLACE, { jdl, vo: "vo.lofar.eu" }, { as: "alice" });
      expect(errors).toBeUndefined();
      expect(data.placementForJdl.requirements.vo).toBeTruthy();
    });

    it("places Site = ANY anywhere that fits, and LCG.IN2P3.fr at IN2P3-CC", async () => {
      const jdl = (name: string) => files("jdl", ".jdl").find(([f]) => f === name)![1];
      const any = await stack.query(
        PLACE,
        { jdl: jdl("diracx-TEST_JDL.jdl"), vo: "vo.lofar.eu" },
        { as: "alice" },
      );
      expect(any.data.placementForJdl.requirements.allowedSites).toBeNull();
      expect(any.data.placementForJdl.placement.candidates.length).toBeGreaterThan(0);
      const in2p3 = await stack.query(
        PLACE,
        { jdl: jdl("dirac-tutorial-advanced-APItoJDL-output.jdl"), vo: "vo.lofar.eu" },
        { as: "alice" },
      );
      expect(in2p3.data.placementForJdl.placement.candidates.map((c: any) => c.site.id)).toEqual([
        "IN2P3-CC",
      ]);
    });

    it("expands DIRAC's parametric testWF.jdl into its 3 jobs, each with its own InputData and JOB_ID", async () => {
      const jdl = files("jdl", ".jdl").find(([f]) => f === "dirac-Interfaces-API-test-testWF.jdl")![1];
      const { data, errors } = await stack.query(
        `query($jdl: String!) { placementForJdl(jdl: $jdl, vo: "vo.lofar.eu") { jobs { arguments inputData } } }`,
        { jdl },
        { as: "alice" },
      );
      expect(errors).toBeUndefined();
      expect(data.placementForJdl.jobs).toEqual(
        [1, 2, 3].map((n) => ({
          arguments: `jobDescription.xml -o LogLevel=DEBUG  -p JOB_ID=${n}  -p InputData=/lhcb/data/data${2 * n - 1},/lhcb/data/data${2 * n}`,
          inputData: [`/lhcb/data/data${2 * n - 1}`, `/lhcb/data/data${2 * n}`],
        })),
      );
    });

    it("names a DIRAC site it cannot map, and a site the registry does not have", async () => {
      const { data } = await stack.query(
        PLACE,
        { jdl: `Executable = "x"; Site = {"LCG.Atlantis.aq", "LCG.PSNC.pl"};`, vo: "vo.lofar.eu" },
        { as: "alice" },
      );
      expect(data.placementForJdl.warnings).toEqual(
        expect.arrayContaining([
          "Site 'LCG.Atlantis.aq' is not in the DIRAC site mapping; read as site 'Atlantis'.",
          "The JDL names site 'Atlantis', which the registry does not have.",
        ]),
      );
      expect(data.placementForJdl.placement.candidates.map((c: any) => c.site.id)).toEqual(["PSNC"]);
    });
  });
});
