import { readFileSync } from "node:fs";
import path from "node:path";
import { SiteChange } from "../subgraphs/sites/src/entities";
import { seedSites } from "../seeds/load";
import { startStack, type Stack } from "../scripts/in-process-stack";

/** A site administrator imports what their BDII publishes (GLUE 2.0 LDIF). */
const LDIF = readFileSync(path.join(__dirname, "fixtures", "psnc-bdii.ldif"), "utf8");
const IMPORT = `mutation($doc: String!, $site: ID!, $allow: Boolean = false) { importSiteCapabilities(siteId: $site, format: GLUE2_LDIF,
  document: $doc, allowRemovals: $allow) { siteId created updated unchanged removed warnings } }`;
const PSNC = `{ site(id: "PSNC") { computeEndpoints { url implementationVersion } computeShares { name maxWallTime maxCpuTime maxSlotsPerJob
  maxMainMemory vos tags endpointUrl } executionEnvironments { osName osVersion logicalCpus mainMemory benchmarkType benchmarkValue }
  applicationEnvironments { name version } } }`;

describe("importing a BDII's GLUE 2.0 LDIF", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await seedSites(stack.em("sites"));
  });
  afterAll(() => stack?.stop());

  it("replaces the site's compute capabilities, reporting what changed and what it could not use", async () => {
    // The dump drops most of what the seed gave PSNC: refused unless the import says so.
    const before = await stack.query(PSNC);
    const refused = await stack.query(IMPORT, { doc: LDIF, site: "PSNC" }, { as: "pat" });
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: "CONFLICT" },
      message: expect.stringMatching(
        /would remove 6 of PSNC's 10 records \(more than 50%\); nothing was changed/,
      ),
    });
    expect((await stack.query(PSNC)).data).toEqual(before.data);

    const res = await stack.query(IMPORT, { doc: LDIF, site: "PSNC", allow: true }, { as: "pat" });
    expect(res.errors).toBeUndefined();
    const report = res.data.importSiteCapabilities;
    expect(report).toMatchObject({
      siteId: "PSNC",
      created: expect.any(Number),
      removed: expect.any(Number),
    });
    // the site itself, endpoints, queues, environments, storage endpoints, applications
    expect(report.created + report.updated + report.unchanged).toBe(1 + 1 + 2 + 1 + 1 + 2);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/GLUE2ComputingShareMaxCPUTime = 999999999 .* "no value"/),
        expect.stringMatching(/Policy rule 'VOMS:\/vo.lofar.eu\/Role=production' .* not a 'vo:<name>' rule/),
        expect.stringMatching(/Unknown attribute GLUE2ExecutionEnvironmentGPUVendor/),
        expect.stringMatching(/glue2computingmanager at line \d+ is not imported/),
      ]),
    );
    const { data } = await stack.query(PSNC);
    const long = data.site.computeShares.find((s: any) => s.name === "long");
    expect(long).toEqual({
      name: "long",
      maxWallTime: 259200,
      maxCpuTime: 2073600,
      maxSlotsPerJob: 16,
      maxMainMemory: 65536,
      vos: ["vo.lofar.eu", "vo.process-project.eu"],
      tags: ["mcore", "lofar"],
      endpointUrl: "https://ce01.reef.man.poznan.pl:9619", // folded LDIF line, resolved foreign key
    });
    expect(data.site.computeShares.find((s: any) => s.name === "short").maxCpuTime).toBeNull();
    expect(data.site.computeShares.map((s: any) => s.name).sort()).toEqual(["long", "short"]); // highmem is gone
    expect(data.site.executionEnvironments).toEqual([
      {
        osName: "Rocky",
        osVersion: "9.4",
        logicalCpus: 64,
        mainMemory: 262144,
        benchmarkType: "HEPscore23",
        benchmarkValue: 17.5,
      },
    ]);
    expect(data.site.applicationEnvironments).toEqual(
      expect.arrayContaining([
        { name: "LINC", version: "5.0" },
        { name: "apptainer", version: "1.3.4" },
      ]),
    );

    // Storage: endpoint URL from a folded line, both interfaces, the service's online capacity
    // in GB as TB, and the VOs of its access policy.
    const storage = await stack.query(
      `{ site(id: "PSNC") { storageEndpoints { url protocols accessLatency totalCapacity freeCapacity vos } } }`,
    );
    expect(storage.data.site.storageEndpoints).toEqual([
      {
        url: "davs://se.reef.man.poznan.pl:2880/pnfs/reef.man.poznan.pl/data/lofar",
        protocols: ["https", "webdav"],
        accessLatency: "ONLINE",
        totalCapacity: 2500,
        freeCapacity: 310,
        vos: ["vo.lofar.eu", "ops"],
      },
    ]);

    // Placement sees the import: PSNC now offers LINC 5.0 for a 16-core LOFAR job.
    const placed =
      await stack.query(`{ placement(requirements: { vo: "vo.lofar.eu", cores: 16, memoryMb: 65536,
      wallTimeSeconds: 129600, software: [{ name: "LINC", version: ">=5.0" }] }) { candidates { site { id } share { name } } } }`);
    expect(placed.data.placement.candidates).toEqual(
      expect.arrayContaining([{ site: { id: "PSNC" }, share: { name: "long" } }]),
    );
  });

  it("changes nothing when the same document is imported again", async () => {
    const before = await stack.em("sites").count(SiteChange, { siteId: "PSNC" });
    const res = await stack.query(IMPORT, { doc: LDIF, site: "PSNC" }, { as: "pat" });
    expect(res.data.importSiteCapabilities).toMatchObject({
      created: 0,
      updated: 0,
      removed: 0,
      unchanged: 8,
    });
    expect(await stack.em("sites").count(SiteChange, { siteId: "PSNC" })).toBe(before);
  });

  it("records an updated limit as one change, and leaves everything as it was when the document is broken", async () => {
    const changed = LDIF.replace(
      "GLUE2ComputingShareMaxWallTime: 259200",
      "GLUE2ComputingShareMaxWallTime: 172800",
    );
    const res = await stack.query(IMPORT, { doc: changed, site: "PSNC" }, { as: "pat" });
    expect(res.data.importSiteCapabilities).toMatchObject({
      created: 0,
      updated: 1,
      removed: 0,
      unchanged: 7,
    });
    const history = await stack.query(
      `{ site(id: "PSNC") { history(first: 250) { edges { node { action entityType changes } } } } }`,
    );
    const last = history.data.site.history.edges.at(-1).node;
    expect(last).toEqual({
      action: "UPDATE",
      entityType: "ComputeShare",
      changes: { maxWallTime: { before: 259200, after: 172800 } },
    });

    const snapshot = await stack.query(PSNC);
    const count = await stack.em("sites").count(SiteChange, {});
    const broken = `${changed}\nthis line is not LDIF\n`;
    const failed = await stack.query(IMPORT, { doc: broken, site: "PSNC" }, { as: "pat" });
    expect(failed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(failed.errors?.[0]?.message).toMatch(/LDIF line \d+: expected 'attribute: value'/);
    expect((await stack.query(PSNC)).data).toEqual(snapshot.data);
    expect(await stack.em("sites").count(SiteChange, {})).toBe(count);
  });

  it("refuses what an empty BDII subtree answers, and removes nothing", async () => {
    const before = await stack.query(PSNC);
    const empty = "dn: o=glue\nobjectClass: organization\no: glue\n";
    const res = await stack.query(IMPORT, { doc: empty, site: "PSNC", allow: true }, { as: "pat" });
    expect(res.errors?.[0]).toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
      message: expect.stringMatching(
        /No GLUE2 compute or storage objects found .*nothing of PSNC was changed/,
      ),
    });
    expect((await stack.query(PSNC)).data).toEqual(before.data);
  });

  it("keeps a draining queue out of placement", async () => {
    const draining = LDIF.replace(
      "GLUE2ComputingShareMappingQueue: long",
      "GLUE2ComputingShareMappingQueue: long\nGLUE2ComputingShareServingState: draining",
    );
    const res = await stack.query(IMPORT, { doc: draining, site: "PSNC" }, { as: "pat" });
    expect(res.errors).toBeUndefined();
    const { data } = await stack.query(`{ site(id: "PSNC") { computeShares { name servingState } } }`);
    expect(data.site.computeShares).toContainEqual({ name: "long", servingState: "DRAINING" });
    const placed =
      await stack.query(`{ placement(first: 50, requirements: { vo: "vo.lofar.eu", cores: 16, memoryMb: 65536,
      wallTimeSeconds: 129600, software: [{ name: "LINC", version: ">=5.0" }] }) { candidates { site { id } share { name } } } }`);
    expect(placed.data.placement.candidates).not.toContainEqual({
      site: { id: "PSNC" },
      share: { name: "long" },
    });
    // Back to production for the tests that follow.
    expect((await stack.query(IMPORT, { doc: LDIF, site: "PSNC" }, { as: "pat" })).errors).toBeUndefined();
  });

  it("is for that site's administrators only", async () => {
    expect(
      (await stack.query(IMPORT, { doc: LDIF, site: "PSNC" }, { as: "sara" })).errors?.[0]?.extensions?.code,
    ).toBe("FORBIDDEN");
    expect((await stack.query(IMPORT, { doc: LDIF, site: "PSNC" })).errors?.[0]?.extensions?.code).toBe(
      "UNAUTHENTICATED",
    );
  });
});

describe("importing GOCDB's XML", () => {
  let stack: Stack;
  const XML = readFileSync(path.join(__dirname, "fixtures", "psnc-gocdb.xml"), "utf8");
  const GOCDB = `mutation($doc: String!) { importSiteCapabilities(siteId: "PSNC", format: GOCDB_XML, document: $doc) {
    created updated unchanged removed warnings } }`;
  beforeAll(async () => {
    stack = await startStack();
    await seedSites(stack.em("sites"));
  });
  afterAll(() => stack?.stop());

  it("updates the site, adds its compute endpoint and downtime (epoch seconds), and reports the rest", async () => {
    const res = await stack.query(GOCDB, { doc: XML }, { as: "pat" });
    expect(res.errors).toBeUndefined();
    const report = res.data.importSiteCapabilities;
    // the compute endpoint and two downtimes, one of them on the tape system (not compute)
    expect(report).toMatchObject({ created: 3, updated: 1, removed: 0 });
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/lta-head.lofar.psnc.pl \(SRM\) is not a compute endpoint/),
      ]),
    );
    const { data } = await stack.query(`{ site(id: "PSNC") { officialName country scopes homeUrl
      computeEndpoints { url interfaceName servingState } downtimes { severity classification startsAt endsAt description affectedEndpoints } } }`);
    expect(data.site).toMatchObject({
      officialName: "Poznan Supercomputing and Networking Center (PCSS)",
      country: "PL",
      scopes: ["EGI", "wlcg", "lofar"],
    });
    expect(data.site.computeEndpoints).toEqual(
      expect.arrayContaining([
        {
          url: "https://ce02.reef.man.poznan.pl:9619",
          interfaceName: "org.opensciencegrid.htcondorce",
          servingState: "PRODUCTION",
        },
      ]),
    );
    expect(data.site.downtimes).toEqual(
      expect.arrayContaining([
        {
          severity: "OUTAGE",
          classification: "SCHEDULED",
          startsAt: new Date(1930000000 * 1000).toISOString(),
          endsAt: new Date(1930086400 * 1000).toISOString(),
          description: "HTCondor-CE upgrade to 24.0",
          affectedEndpoints: ["https://ce02.reef.man.poznan.pl:9619"],
        },
        expect.objectContaining({
          severity: "WARNING",
          description: "Tape library maintenance & slower staging",
          affectedEndpoints: [expect.stringContaining("lta-head.lofar.psnc.pl")],
        }),
      ]),
    );
    // The tape system's downtime does not keep LOFAR jobs away from PSNC's compute.
    const placed = await stack.query(
      `{ placement(first: 50, requirements: { vo: "vo.lofar.eu", cores: 1, memoryMb: 1000, wallTimeSeconds: 3600,
        startAt: "${new Date(1930001000 * 1000).toISOString()}" }) { rejected { site { id } reasons { code } } } }`,
    );
    const psnc = placed.data.placement.rejected.find((r: any) => r.site.id === "PSNC");
    expect(psnc?.reasons.map((r: any) => r.code) ?? []).not.toContain("SITE_IN_DOWNTIME");
  });

  it("changes nothing on a second import, and refuses XML that is not well-formed, saying where", async () => {
    const again = await stack.query(GOCDB, { doc: XML }, { as: "pat" });
    expect(again.data.importSiteCapabilities).toMatchObject({
      created: 0,
      updated: 0,
      removed: 0,
      unchanged: 4,
    });
    const broken = await stack.query(GOCDB, { doc: XML.replace("</SITE>", "</SITES>") }, { as: "pat" });
    expect(broken.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(broken.errors?.[0]?.message).toMatch(/not well-formed at line \d+, column \d+/);
  });
});
