import { readFileSync } from "node:fs";
import path from "node:path";
import { seedSites } from "../seeds/load";
import { startStack, type Stack } from "../scripts/in-process-stack";

/**
 * GLUE 2.0 JSON in and out: a site administrator imports what their site publishes; anyone
 * exports a site or the whole registry, over GraphQL or plain HTTP; an export imported into an
 * empty registry reproduces every record.
 */
// The fixture's downtime is in 2031; moved to five years from now so that it stays ahead.
const FIXTURE_START = "2031-02-03T06:00:00Z";
const FIXTURE_END = "2031-02-03T18:00:00Z";
const DOWNTIME_START = new Date(Date.UTC(new Date().getUTCFullYear() + 5, 1, 3, 6));
const DOWNTIME_END = new Date(DOWNTIME_START.getTime() + 12 * 3600_000);
const DAY_BEFORE_START = new Date(DOWNTIME_START.getTime() - 30 * 3600_000);
const escaped = (date: Date) => date.toISOString().replace(/\./g, "\\.");
const JSON_DOC = readFileSync(path.join(__dirname, "fixtures", "cyfronet-glue2.json"), "utf8")
  .replace(FIXTURE_START, DOWNTIME_START.toISOString())
  .replace(FIXTURE_END, DOWNTIME_END.toISOString());
const IMPORT = `mutation($doc: String!, $site: ID!, $allow: Boolean = false) { importSiteCapabilities(siteId: $site, format: GLUE2_JSON, document: $doc, allowRemovals: $allow) {
  siteId created updated unchanged removed warnings } }`;

// Every field of every part, without ids, versions and timestamps (those are the registry's own).
const RECORDS = `query($after: String) { sites(first: 250, after: $after) { pageInfo { hasNextPage endCursor } edges { node {
  id officialName ngi country latitude longitude certificationStatus infrastructure kind scopes supportedVos homeUrl
  computeEndpoints { url interfaceName implementationName implementationVersion healthState servingState capabilities }
  computeShares { name endpointUrl maxWallTime maxCpuTime maxSlotsPerJob maxMainMemory freeSlots usedSlots runningJobs
    waitingJobs estimatedWaitingTime vos tags requiredTags }
  executionEnvironments { platform osFamily osName osVersion logicalCpus mainMemory gpuModel gpuCount totalInstances
    benchmarkType benchmarkValue }
  applicationEnvironments { name version }
  storageEndpoints { url protocols accessLatency totalCapacity freeCapacity vos }
  downtimes { severity classification startsAt endsAt description affectedEndpoints } } } } }`;

async function allRecords(stack: Stack) {
  const out: any[] = [];
  let after: string | null = null;
  do {
    const res: any = await stack.query(RECORDS, { after });
    expect(res.errors).toBeUndefined();
    out.push(...res.data.sites.edges.map((e: any) => e.node));
    after = res.data.sites.pageInfo.hasNextPage ? res.data.sites.pageInfo.endCursor : null;
  } while (after);
  // Order inside a site is the registry's (by id); compare as sets.
  const sorted = (xs: any[]) => [...xs].map((x) => JSON.stringify(x)).sort();
  return out.map((s) => ({
    ...s,
    computeEndpoints: sorted(s.computeEndpoints),
    computeShares: sorted(s.computeShares),
    executionEnvironments: sorted(s.executionEnvironments),
    applicationEnvironments: sorted(s.applicationEnvironments),
    storageEndpoints: sorted(s.storageEndpoints),
    downtimes: sorted(s.downtimes),
  }));
}

describe("GLUE 2.0 JSON", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await seedSites(stack.em("sites"));
  });
  afterAll(() => stack?.stop());

  it("imports a site's GLUE 2.0 JSON: policies, multi-valued attributes, GPUs, storage in GB, downtimes; reports what it could not use", async () => {
    // The document drops most of what the seed gave the site: it must say so.
    const refused = await stack.query(IMPORT, { doc: JSON_DOC, site: "CYFRONET-LCG2" }, { as: "pat" });
    expect(refused.errors?.[0].extensions?.code).toBe("CONFLICT");
    const res = await stack.query(
      IMPORT,
      { doc: JSON_DOC, site: "CYFRONET-LCG2", allow: true },
      { as: "pat" },
    );
    expect(res.errors).toBeUndefined();
    const report = res.data.importSiteCapabilities;
    expect(report.siteId).toBe("CYFRONET-LCG2");
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        'MaxCPUTime = 999999999 of urn:ogf:ComputingShare:ares.cyfronet.pl:plgrid read as "no value".',
        "Policy rule 'VOMS:/vo.lofar.eu/Role=production' of urn:ogf:MappingPolicy:ares.cyfronet.pl:plgrid is not a 'vo:<name>' rule; ignored.",
        "Unknown attribute StagingCapability of ComputingEndpoint urn:ogf:ComputingEndpoint:arc.ares.cyfronet.pl:443:arex ignored.",
        "ExecutionEnvironment (urn:ogf:ExecutionEnvironment:athena.cyfronet.pl:gpu): platform amd64 read as x86_64.",
      ]),
    );
    const { data } = await stack.query(
      `{ site(id: "CYFRONET-LCG2") { officialName homeUrl latitude scopes supportedVos
        computeEndpoints { url capabilities healthState }
        computeShares { name maxCpuTime maxMainMemory vos tags requiredTags endpointUrl }
        executionEnvironments { logicalCpus gpuModel gpuCount benchmarkType benchmarkValue }
        applicationEnvironments { name version }
        storageEndpoints { url protocols totalCapacity freeCapacity vos }
        downtimes { severity startsAt endsAt affectedEndpoints } } }`,
    );
    const site = data.site;
    expect(site).toMatchObject({
      officialName: "ACC Cyfronet AGH (Krakow) - Ares and Athena",
      homeUrl: "https://www.cyfronet.pl",
      latitude: 50.0647,
      scopes: ["EGI", "wlcg"],
      supportedVos: ["vo.lofar.eu", "vo.eiscat.se", "vo.process-project.eu"],
      computeEndpoints: [
        {
          url: "https://arc.ares.cyfronet.pl:443/arex",
          capabilities: [
            "executionmanagement.jobexecution",
            "executionmanagement.jobdescription",
            "security.delegation",
          ],
          healthState: "OK",
        },
      ],
      applicationEnvironments: expect.arrayContaining([{ name: "LINC", version: "5.0" }]),
      storageEndpoints: [
        {
          url: "davs://dcache.cyfronet.pl:2880",
          protocols: ["https", "webdav", "xroot"],
          totalCapacity: 4200,
          freeCapacity: 650,
          vos: ["vo.lofar.eu", "vo.eiscat.se"],
        },
      ],
      downtimes: [
        {
          severity: "OUTAGE",
          startsAt: DOWNTIME_START.toISOString(),
          endsAt: DOWNTIME_END.toISOString(),
          affectedEndpoints: ["https://arc.ares.cyfronet.pl:443/arex"],
        },
      ],
    });
    const shares = Object.fromEntries(site.computeShares.map((s: any) => [s.name, s]));
    expect(Object.keys(shares).sort()).toEqual(["plgrid", "plgrid-gpu-a100"]);
    expect(shares.plgrid).toMatchObject({
      maxCpuTime: null,
      vos: ["vo.lofar.eu", "vo.eiscat.se"],
      tags: ["mcore", "wholenode"],
    });
    expect(shares["plgrid-gpu-a100"]).toMatchObject({
      tags: ["gpu"],
      requiredTags: ["gpu"],
      vos: ["vo.lofar.eu"],
      endpointUrl: "https://arc.ares.cyfronet.pl:443/arex",
    });
    expect(site.executionEnvironments).toEqual(
      expect.arrayContaining([
        { logicalCpus: 48, gpuModel: null, gpuCount: 0, benchmarkType: "HEPscore23", benchmarkValue: 17.2 },
        {
          logicalCpus: 128,
          gpuModel: "NVIDIA A100 40GB",
          gpuCount: 8,
          benchmarkType: null,
          benchmarkValue: null,
        },
      ]),
    );
  });

  it("changes nothing when the same document is imported again", async () => {
    const res = await stack.query(IMPORT, { doc: JSON_DOC, site: "CYFRONET-LCG2" }, { as: "pat" });
    expect(res.errors).toBeUndefined();
    expect(res.data.importSiteCapabilities).toMatchObject({
      created: 0,
      updated: 0,
      removed: 0,
      unchanged: 1 + 1 + 2 + 2 + 2 + 1 + 1, // site, endpoint, queues, environments, applications, storage, downtime
    });
  });

  it("refuses a document with invalid records, naming each problem, and leaves the registry as it was", async () => {
    const before = await stack.query(`{ exportCapabilities(siteIds: ["CYFRONET-LCG2"]) }`);
    const broken = JSON.parse(JSON_DOC);
    broken.ExecutionEnvironment[0].Platform = "sparc64";
    broken.Downtime[0].EndDate = DAY_BEFORE_START.toISOString();
    broken.ComputingShare[0].MaxMainMemory = 1024; // a valid change in the same document: not applied either
    const res = await stack.query(
      IMPORT,
      { doc: JSON.stringify(broken), site: "CYFRONET-LCG2" },
      { as: "pat" },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.extensions?.problems.map((p: any) => p.message)).toEqual([
      expect.stringMatching(
        /^ExecutionEnvironment sparc64\|Rocky.* of CYFRONET-LCG2: 'platform' 'sparc64' is not a known platform; known: x86_64, aarch64/,
      ),
      expect.stringMatching(
        new RegExp(
          `^Downtime OUTAGE\\|${escaped(DOWNTIME_START)}.* of CYFRONET-LCG2: 'endsAt' \\(${escaped(DAY_BEFORE_START)}\\) must be after 'startsAt'`,
        ),
      ),
    ]);
    const notJson = await stack.query(
      IMPORT,
      { doc: "{ AdminDomain: [", site: "CYFRONET-LCG2" },
      { as: "pat" },
    );
    expect(notJson.errors?.[0]?.message).toMatch(/^The document is not JSON: /);
    const other = await stack.query(IMPORT, { doc: JSON_DOC, site: "PSNC" }, { as: "pat" });
    expect(other.errors?.[0]?.message).toMatch(/The document describes CYFRONET-LCG2, not only PSNC/);
    const after = await stack.query(`{ exportCapabilities(siteIds: ["CYFRONET-LCG2"]) }`);
    expect(after.data).toEqual(before.data);
  });

  it("keeps site details a document does not state, and says what a new site is missing", async () => {
    const bare = JSON.parse(JSON_DOC);
    delete bare.AdminDomain[0].OtherInfo; // a site's own GLUE JSON knows nothing of NGIs or certification
    const res = await stack.query(
      IMPORT,
      { doc: JSON.stringify(bare), site: "CYFRONET-LCG2" },
      { as: "pat" },
    );
    expect(res.errors).toBeUndefined();
    const { data } = await stack.query(
      `{ site(id: "CYFRONET-LCG2") { ngi certificationStatus supportedVos } }`,
    );
    expect(data.site).toEqual({
      ngi: "NGI_PL",
      certificationStatus: "CERTIFIED",
      supportedVos: ["vo.lofar.eu", "vo.eiscat.se", "vo.process-project.eu"],
    });
    bare.AdminDomain[0].Name = "BRAND-NEW";
    const created = await stack.query(
      `mutation($doc: String!) { importRegistry(document: $doc) { siteId } }`,
      { doc: JSON.stringify(bare) },
      { as: "pat" },
    );
    expect(created.errors?.[0]?.extensions?.problems.map((p: any) => p.message)).toEqual([
      "Site BRAND-NEW: 'ngi' is required to create a Site.",
      "Site BRAND-NEW: 'certificationStatus' is required to create a Site.",
      "Site BRAND-NEW: 'infrastructure' is required to create a Site.",
      "Site BRAND-NEW: 'kind' is required to create a Site.",
    ]);
    expect((await stack.query(`{ site(id: "BRAND-NEW") { id } }`)).data.site).toBeNull();
  });

  it("exports one site or the whole registry over plain HTTP, the same as over GraphQL", async () => {
    const base = new URL(stack.gatewayUrl).origin;
    const one = await fetch(`${base}/glue2/sites/CYFRONET-LCG2`);
    expect(one.status).toBe(200);
    expect(one.headers.get("content-type")).toMatch(/application\/json/);
    const viaGraphql = await stack.query(`{ exportCapabilities(siteIds: ["CYFRONET-LCG2"]) }`);
    expect(await one.json()).toEqual(viaGraphql.data.exportCapabilities);
    const missing = await fetch(`${base}/glue2/sites/NO-SUCH-SITE`);
    expect(missing.status).toBe(404);
    const all = (await (await fetch(`${base}/glue2`)).json()) as any;
    expect(all.AdminDomain.map((d: any) => d.Name)).toContain("PSNC");
    expect(all.AdminDomain.length).toBe((await allRecords(stack)).length);
  });

  it("round trip: the whole registry exported and imported into an empty one reproduces every record", async () => {
    const exported = await (await fetch(`${new URL(stack.gatewayUrl).origin}/glue2`)).text();
    const empty = await startStack();
    try {
      const res = await empty.query(
        `mutation($doc: String!) { importRegistry(document: $doc) { siteId created warnings } }`,
        { doc: exported },
        { as: "pat" },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.importRegistry.every((r: any) => r.warnings.length === 0)).toBe(true);
      const original = await allRecords(stack);
      expect(original.length).toBeGreaterThan(20);
      expect(await allRecords(empty)).toEqual(original);
      // ...and exporting it again gives the same document.
      const again = await empty.query(`{ exportCapabilities }`);
      expect(again.data.exportCapabilities).toEqual(JSON.parse(exported));
      // Only platform administrators (or each site's own) may create sites this way.
      const bySara = await empty.query(
        `mutation($doc: String!) { importRegistry(document: $doc) { siteId } }`,
        { doc: exported },
        { as: "sara" },
      );
      expect(bySara.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    } finally {
      await empty.stop();
    }
  });
});
