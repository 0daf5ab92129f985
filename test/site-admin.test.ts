import { seedSites } from "../seeds/load";
import { startStack, type Stack } from "../scripts/in-process-stack";

/**
 * Site administrators keep every part of their site's record true through the gateway:
 * create, update (with versions), remove, with history and actionable validation; and
 * nobody else can.
 */
describe("site record administration", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await seedSites(stack.em("sites"));
  });
  afterAll(() => stack?.stop());

  // Read as a platform administrator: who made a change is shown to administrators only.
  const history = async (siteId: string, as: string | null = "pat") =>
    (
      await stack.query(
        `query($id: ID!) { site(id: $id) { history(first: 250) { totalCount edges { node { actor entityType entityId action changes } } } } }`,
        { id: siteId },
        as ? { as } : {},
      )
    ).data.site.history;
  const ok = async (query: string, variables: Record<string, unknown>, as = "sara") => {
    const res = await stack.query(query, variables, { as });
    expect(res.errors).toBeUndefined();
    return res.data;
  };

  it("lets a site administrator create, update and remove every part of the record, all kept in history", async () => {
    const before = (await history("SARA-MATRIX")).totalCount;
    const ce = (
      await ok(
        `mutation($i: CreateComputeEndpointInput!) { createComputeEndpoint(input: $i) { computeEndpoint { id url version capabilities healthState } } }`,
        {
          i: {
            siteId: "SARA-MATRIX",
            url: "https://arc-new.grid.surfsara.nl:443/arex",
            interfaceName: "org.nordugrid.arcrest",
            implementationName: "ARC",
            implementationVersion: "7.1.1",
            healthState: "OK",
            capabilities: ["executionmanagement.jobexecution", "executionmanagement.jobexecution"],
          },
        },
      )
    ).createComputeEndpoint.computeEndpoint;
    expect(ce).toMatchObject({
      version: 1,
      healthState: "OK",
      capabilities: ["executionmanagement.jobexecution"],
    });

    const share = (
      await ok(
        `mutation($i: CreateComputeShareInput!) { createComputeShare(input: $i) { computeShare { id name version endpointUrl requiredTags maxWallTime } } }`,
        {
          i: {
            siteId: "SARA-MATRIX",
            name: "gpu-only",
            endpointUrl: ce.url,
            maxWallTime: 86400,
            maxSlotsPerJob: 32,
            maxMainMemory: 256000,
            vos: ["vo.lofar.eu"],
            tags: ["gpu"],
            requiredTags: ["gpu"],
          },
        },
      )
    ).createComputeShare.computeShare;
    expect(share).toMatchObject({ name: "gpu-only", version: 1, endpointUrl: ce.url, requiredTags: ["gpu"] });

    const env = (
      await ok(
        `mutation($i: CreateExecutionEnvironmentInput!) { createExecutionEnvironment(input: $i) { executionEnvironment { id version platform osFamily gpuCount } } }`,
        {
          i: {
            siteId: "SARA-MATRIX",
            platform: "aarch64",
            osFamily: "Linux",
            osName: "AlmaLinux",
            osVersion: "9.4",
            logicalCpus: 144,
            mainMemory: 491520,
            gpuModel: "NVIDIA GH200",
            gpuCount: 1,
          },
        },
      )
    ).createExecutionEnvironment.executionEnvironment;
    expect(env).toMatchObject({ version: 1, platform: "aarch64", osFamily: "linux", gpuCount: 1 });

    const app = (
      await ok(
        `mutation($i: CreateApplicationEnvironmentInput!) { createApplicationEnvironment(input: $i) { applicationEnvironment { id name version } } }`,
        { i: { siteId: "SARA-MATRIX", name: "EveryBeam", version: "0.6.1" } },
      )
    ).createApplicationEnvironment.applicationEnvironment;
    const se = (
      await ok(
        `mutation($i: CreateStorageEndpointInput!) { createStorageEndpoint(input: $i) { storageEndpoint { id version vos totalCapacity } } }`,
        {
          i: {
            siteId: "SARA-MATRIX",
            url: "root://xrootd-new.grid.surfsara.nl:1094",
            protocols: ["xroot"],
            totalCapacity: 500,
            freeCapacity: 120.5,
            vos: ["vo.lofar.eu", "lofar.eu"],
          },
        },
      )
    ).createStorageEndpoint.storageEndpoint;
    const downtime = (
      await ok(
        `mutation($i: CreateDowntimeInput!) { declareDowntime(input: $i) { downtime { id version affectedEndpoints } } }`,
        {
          i: {
            siteId: "SARA-MATRIX",
            severity: "WARNING",
            classification: "SCHEDULED",
            startsAt: "2031-03-01T08:00:00Z",
            endsAt: "2031-03-01T12:00:00Z",
            description: "ARC upgrade",
            affectedEndpoints: [ce.url],
          },
        },
      )
    ).declareDowntime.downtime;

    // Each part appears on the site as the graph shows it.
    const { data } = await stack.query(
      `{ site(id: "SARA-MATRIX") { computeEndpoints { id } computeShares { id } executionEnvironments { id }
         applicationEnvironments { id } storageEndpoints { id } downtimes { id } } }`,
    );
    expect(data.site.computeEndpoints.map((x: any) => x.id)).toContain(ce.id);
    expect(data.site.computeShares.map((x: any) => x.id)).toContain(share.id);
    expect(data.site.executionEnvironments.map((x: any) => x.id)).toContain(env.id);
    expect(data.site.applicationEnvironments.map((x: any) => x.id)).toContain(app.id);
    expect(data.site.storageEndpoints.map((x: any) => x.id)).toContain(se.id);
    expect(data.site.downtimes.map((x: any) => x.id)).toContain(downtime.id);

    // Updates bump versions; an update that changes nothing keeps the version and records nothing.
    const updated = await ok(
      `mutation($ce: UpdateComputeEndpointInput!, $env: UpdateExecutionEnvironmentInput!, $se: UpdateStorageEndpointInput!, $d: UpdateDowntimeInput!) {
        updateComputeEndpoint(input: $ce) { computeEndpoint { version servingState } }
        updateExecutionEnvironment(input: $env) { executionEnvironment { version totalInstances } }
        updateStorageEndpoint(input: $se) { storageEndpoint { version freeCapacity } }
        updateDowntime(input: $d) { downtime { version endsAt } } }`,
      {
        ce: { id: ce.id, expectedVersion: 1, servingState: "DRAINING" },
        env: { id: env.id, expectedVersion: 1, totalInstances: 12 },
        se: { id: se.id, expectedVersion: 1, freeCapacity: 100 },
        d: { id: downtime.id, expectedVersion: 1, endsAt: "2031-03-01T16:00:00Z" },
      },
    );
    expect(updated).toEqual({
      updateComputeEndpoint: { computeEndpoint: { version: 2, servingState: "DRAINING" } },
      updateExecutionEnvironment: { executionEnvironment: { version: 2, totalInstances: 12 } },
      updateStorageEndpoint: { storageEndpoint: { version: 2, freeCapacity: 100 } },
      updateDowntime: { downtime: { version: 2, endsAt: "2031-03-01T16:00:00.000Z" } },
    });
    const same = await ok(
      `mutation($i: UpdateComputeShareInput!) { updateComputeShare(input: $i) { computeShare { version } } }`,
      { i: { id: share.id, expectedVersion: 1, maxWallTime: 86400 } },
    );
    expect(same.updateComputeShare.computeShare.version).toBe(1);

    // The endpoint still serves the new queue, so it cannot go first.
    const blocked = await stack.query(
      `mutation { deleteSitePart(kind: ComputeEndpoint, id: "${ce.id}", expectedVersion: 2) { id } }`,
      {},
      { as: "sara" },
    );
    expect(blocked.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(blocked.errors?.[0]?.message).toMatch(/serves the queues gpu-only/);

    for (const [kind, id, version] of [
      ["Downtime", downtime.id, 2],
      ["ComputeShare", share.id, 1],
      ["ComputeEndpoint", ce.id, 2],
      ["ExecutionEnvironment", env.id, 2],
      ["ApplicationEnvironment", app.id, null],
      ["StorageEndpoint", se.id, 2],
    ] as const) {
      const res = await ok(
        `mutation($kind: SitePartKind!, $id: ID!, $v: Int) { deleteSitePart(kind: $kind, id: $id, expectedVersion: $v) { kind id } }`,
        { kind, id, v: version },
      );
      expect(res.deleteSitePart).toEqual({ kind, id });
    }

    const after = await history("SARA-MATRIX");
    const mine = after.edges.map((e: any) => e.node).slice(0, after.totalCount - before);
    // 6 creates, 4 updates (the no-op is not recorded), 6 removals: all by Sara.
    expect(mine).toHaveLength(16);
    expect(new Set(mine.map((n: any) => n.actor))).toEqual(new Set(["demo-sara-siteadmin@egi.eu"]));
    // Everybody sees what changed; only administrators see who changed it.
    for (const reader of [null, "alice"]) {
      const seen = await history("SARA-MATRIX", reader);
      expect(seen.totalCount).toBe(after.totalCount);
      expect(new Set(seen.edges.map((e: any) => e.node.actor))).toEqual(new Set([null]));
    }
    expect(new Set((await history("SARA-MATRIX", "sara")).edges.map((e: any) => e.node.actor))).toContain(
      "demo-sara-siteadmin@egi.eu",
    );
    const count = (action: string) => mine.filter((n: any) => n.action === action).length;
    expect([count("CREATE"), count("UPDATE"), count("DELETE")]).toEqual([6, 4, 6]);
    const drained = mine.find((n: any) => n.entityId === ce.id && n.action === "UPDATE");
    expect(drained.changes).toEqual({ servingState: { before: "production", after: "draining" } });
    const removed = mine.find((n: any) => n.entityId === share.id && n.action === "DELETE");
    expect(removed.changes.name).toEqual({ before: "gpu-only", after: null });
  });

  it("reports every problem of an input at once, each with its field and what would be accepted", async () => {
    const res = await stack.query(
      `mutation($i: CreateExecutionEnvironmentInput!) { createExecutionEnvironment(input: $i) { executionEnvironment { id } } }`,
      {
        i: {
          siteId: "SARA-MATRIX",
          platform: "amd64",
          osFamily: "linux",
          osName: "Rocky",
          logicalCpus: 64,
          mainMemory: -512,
        },
      },
      { as: "sara" },
    );
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(error?.extensions?.problems).toEqual([
      {
        field: "platform",
        message:
          "'platform' 'amd64' is not a known platform (did you mean x86_64?); known: x86_64, aarch64, ppc64le, riscv64, s390x, i686.",
      },
      { field: "mainMemory", message: "'mainMemory' must be a whole number of MB, at least 1; got -512." },
      { field: "osVersion", message: "'osVersion' is required to create an ExecutionEnvironment." },
    ]);

    const cases: [string, Record<string, unknown>, RegExp][] = [
      [
        `mutation($i: CreateComputeEndpointInput!) { createComputeEndpoint(input: $i) { computeEndpoint { id } } }`,
        { siteId: "SARA-MATRIX", url: "ce01 port 9619", interfaceName: "x", implementationName: "y" },
        /'url' must be a https, http, ldap, gsiftp, condor URL such as https:\/\/ce01.example.org:9619; got 'ce01 port 9619'/,
      ],
      [
        `mutation($i: CreateDowntimeInput!) { declareDowntime(input: $i) { downtime { id } } }`,
        {
          siteId: "SARA-MATRIX",
          severity: "OUTAGE",
          classification: "UNSCHEDULED",
          startsAt: "2031-01-02T00:00:00Z",
          endsAt: "2031-01-01T00:00:00Z",
          description: "power",
        },
        /'endsAt' \(2031-01-01T00:00:00.000Z\) must be after 'startsAt' \(2031-01-02T00:00:00.000Z\)/,
      ],
      [
        `mutation($i: CreateStorageEndpointInput!) { createStorageEndpoint(input: $i) { storageEndpoint { id } } }`,
        { siteId: "SARA-MATRIX", url: "davs://x.example.org", totalCapacity: 10, freeCapacity: 20 },
        /'freeCapacity' \(20 TB\) cannot exceed 'totalCapacity' \(10 TB\)/,
      ],
      [
        `mutation($i: CreateComputeShareInput!) { createComputeShare(input: $i) { computeShare { id } } }`,
        { siteId: "SARA-MATRIX", name: "x", endpointUrl: "https://elsewhere.example.org" },
        /'endpointUrl' https:\/\/elsewhere.example.org is not a compute endpoint of SARA-MATRIX; its endpoints are https:\/\//,
      ],
      [
        `mutation($i: UpdateSiteInput!) { updateSite(input: $i) { site { id } } }`,
        { id: "SARA-MATRIX", expectedVersion: 1, latitude: 123, country: "Netherlands" },
        /'country' must be an ISO 3166-1 alpha-2 code such as PL; got 'Netherlands'/,
      ],
    ];
    const historyBefore = (await history("SARA-MATRIX")).totalCount;
    for (const [query, i, message] of cases) {
      const r = await stack.query(query, { i }, { as: "sara" });
      expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(r.errors?.[0]?.message).toMatch(message);
    }
    expect((await history("SARA-MATRIX")).totalCount).toBe(historyBefore);

    const existing = await stack.query(
      `mutation { createComputeShare(input: { siteId: "SARA-MATRIX", name: "long" }) { computeShare { id } } }`,
      {},
      { as: "sara" },
    );
    expect(existing.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(existing.errors?.[0]?.message).toMatch(
      /Site SARA-MATRIX already has a queue long \(id .*, 'name'\); update that one instead/,
    );
  });

  it("registers a new site for a platform administrator or that site's administrator only", async () => {
    const CREATE = `mutation($i: CreateSiteInput!) { createSite(input: $i) { site { id version country supportedVos } } }`;
    const input = {
      id: "NEW-SITE",
      officialName: "A new resource centre",
      ngi: "NGI_NL",
      country: "nl",
      certificationStatus: "CANDIDATE",
      infrastructure: "PRODUCTION",
      kind: "HTC",
      supportedVos: ["vo.lofar.eu"],
    };
    const bySara = await stack.query(CREATE, { i: input }, { as: "sara" });
    expect(bySara.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const byPat = await ok(CREATE, { i: input }, "pat");
    expect(byPat.createSite.site).toEqual({
      id: "NEW-SITE",
      version: 1,
      country: "NL",
      supportedVos: ["vo.lofar.eu"],
    });
    const again = await stack.query(CREATE, { i: input }, { as: "pat" });
    expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const h = await history("NEW-SITE");
    expect(h.edges[0].node).toMatchObject({
      actor: "demo-pat-platform@egi.eu",
      action: "CREATE",
      entityType: "Site",
    });
  });

  it("of two concurrent edits of a storage endpoint from the same version, one gets CONFLICT and one change is kept", async () => {
    const { data } = await stack.query(
      `{ site(id: "SARA-MATRIX") { storageEndpoints { id version freeCapacity } } }`,
    );
    const se = data.site.storageEndpoints[0];
    const before = (await history("SARA-MATRIX")).totalCount;
    const UPDATE = `mutation($i: UpdateStorageEndpointInput!) { updateStorageEndpoint(input: $i) { storageEndpoint { version } } }`;
    const results = await Promise.all(
      [1, 2].map((n) =>
        stack.query(
          UPDATE,
          { i: { id: se.id, expectedVersion: se.version, freeCapacity: n } },
          { as: "sara" },
        ),
      ),
    );
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === "CONFLICT")).toHaveLength(1);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect((await history("SARA-MATRIX")).totalCount).toBe(before + 1);
  });

  it("of two administrators adding the same queue at once, one gets CONFLICT and the site has it once", async () => {
    const CREATE = `mutation($i: CreateComputeShareInput!) { createComputeShare(input: $i) { computeShare { id } } }`;
    const results = await Promise.all(
      ["sara", "pat"].map((as) =>
        stack.query(CREATE, { i: { siteId: "SARA-MATRIX", name: "twice", maxWallTime: 3600 } }, { as }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === "CONFLICT")).toHaveLength(1);
    const { data } = await stack.query(`{ site(id: "SARA-MATRIX") { computeShares { name } } }`);
    expect(data.site.computeShares.filter((s: any) => s.name === "twice")).toHaveLength(1);
  });

  describe("authorization of every admin mutation", () => {
    // Each mutation aimed at SARA-MATRIX (or a part of it), with an otherwise valid input.
    let ids: Record<string, string>;
    beforeAll(async () => {
      const { data } = await stack.query(
        `{ site(id: "SARA-MATRIX") { version computeEndpoints { id version } computeShares { id version }
           executionEnvironments { id version } storageEndpoints { id version } applicationEnvironments { id } } }`,
      );
      const s = data.site;
      const downtime = await stack.query(
        `mutation { declareDowntime(input: { siteId: "SARA-MATRIX", severity: WARNING, classification: SCHEDULED,
          startsAt: "2032-01-01T00:00:00Z", endsAt: "2032-01-02T00:00:00Z", description: "for the table" }) { downtime { id } } }`,
        {},
        { as: "sara" },
      );
      ids = {
        downtime: downtime.data.declareDowntime.downtime.id,
        ce: s.computeEndpoints[0].id,
        share: s.computeShares[0].id,
        env: s.executionEnvironments[0].id,
        se: s.storageEndpoints[0].id,
        app: s.applicationEnvironments[0].id,
      };
    });
    const MUTATIONS: [string, () => string][] = [
      [
        "createSite",
        () =>
          `createSite(input: { id: "SARA-MATRIX-2", officialName: "x", ngi: "NGI_NL", country: "NL", certificationStatus: CANDIDATE, infrastructure: TEST, kind: HTC }) { site { id } }`,
      ],
      [
        "updateSite",
        () =>
          `updateSite(input: { id: "SARA-MATRIX", expectedVersion: 1, officialName: "x" }) { site { id } }`,
      ],
      [
        "createComputeEndpoint",
        () =>
          `createComputeEndpoint(input: { siteId: "SARA-MATRIX", url: "https://x.example.org", interfaceName: "x", implementationName: "y" }) { computeEndpoint { id } }`,
      ],
      [
        "updateComputeEndpoint",
        () =>
          `updateComputeEndpoint(input: { id: "${ids.ce}", expectedVersion: 1, healthState: CRITICAL }) { computeEndpoint { id } }`,
      ],
      [
        "createComputeShare",
        () => `createComputeShare(input: { siteId: "SARA-MATRIX", name: "x" }) { computeShare { id } }`,
      ],
      [
        "updateComputeShare",
        () =>
          `updateComputeShare(input: { id: "${ids.share}", expectedVersion: 1, maxWallTime: 60 }) { computeShare { id } }`,
      ],
      [
        "createExecutionEnvironment",
        () =>
          `createExecutionEnvironment(input: { siteId: "SARA-MATRIX", platform: "x86_64", osFamily: "linux", osName: "x", osVersion: "1", logicalCpus: 1, mainMemory: 1 }) { executionEnvironment { id } }`,
      ],
      [
        "updateExecutionEnvironment",
        () =>
          `updateExecutionEnvironment(input: { id: "${ids.env}", expectedVersion: 1, logicalCpus: 2 }) { executionEnvironment { id } }`,
      ],
      [
        "createApplicationEnvironment",
        () =>
          `createApplicationEnvironment(input: { siteId: "SARA-MATRIX", name: "x" }) { applicationEnvironment { id } }`,
      ],
      [
        "createStorageEndpoint",
        () =>
          `createStorageEndpoint(input: { siteId: "SARA-MATRIX", url: "https://x.example.org" }) { storageEndpoint { id } }`,
      ],
      [
        "updateStorageEndpoint",
        () =>
          `updateStorageEndpoint(input: { id: "${ids.se}", expectedVersion: 1, totalCapacity: 1 }) { storageEndpoint { id } }`,
      ],
      [
        "declareDowntime",
        () =>
          `declareDowntime(input: { siteId: "SARA-MATRIX", severity: OUTAGE, classification: SCHEDULED, startsAt: "2031-01-01T00:00:00Z", endsAt: "2031-01-02T00:00:00Z", description: "x" }) { downtime { id } }`,
      ],
      [
        "updateDowntime",
        () =>
          `updateDowntime(input: { id: "${ids.downtime}", expectedVersion: 1, description: "y" }) { downtime { id } }`,
      ],
      [
        "importRegistry",
        () =>
          `importRegistry(document: ${JSON.stringify(JSON.stringify({ AdminDomain: [{ ID: "urn:x", Name: "SARA-MATRIX" }] }))}) { siteId }`,
      ],
      ["deleteSitePart", () => `deleteSitePart(kind: ApplicationEnvironment, id: "${ids.app}") { id }`],
      [
        "importSiteCapabilities",
        () => `importSiteCapabilities(siteId: "SARA-MATRIX", format: GLUE2_JSON, document: "{}") { created }`,
      ],
    ];

    it.each(MUTATIONS)(
      "%s: anonymous is UNAUTHENTICATED, another site's admin and a scientist FORBIDDEN, nothing changes",
      async (_name, mutation) => {
        const before = (await history("SARA-MATRIX")).totalCount;
        const anonymous = await stack.query(`mutation { ${mutation()} }`);
        expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
        for (const who of ["alice", "erik"]) {
          const res = await stack.query(`mutation { ${mutation()} }`, {}, { as: who });
          expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        }
        expect((await history("SARA-MATRIX")).totalCount).toBe(before);
      },
    );

    it("the update and remove mutations refuse SARA-MATRIX's administrator on another site's parts", async () => {
      const { data } = await stack.query(
        `{ site(id: "NIKHEF-ELPROD") { computeEndpoints { id } computeShares { id } executionEnvironments { id } storageEndpoints { id } } }`,
      );
      const s = data.site;
      for (const m of [
        `updateComputeEndpoint(input: { id: "${s.computeEndpoints[0].id}", expectedVersion: 1, healthState: CRITICAL }) { computeEndpoint { id } }`,
        `updateComputeShare(input: { id: "${s.computeShares[0].id}", expectedVersion: 1, maxWallTime: 60 }) { computeShare { id } }`,
        `updateExecutionEnvironment(input: { id: "${s.executionEnvironments[0].id}", expectedVersion: 1, logicalCpus: 2 }) { executionEnvironment { id } }`,
        `updateStorageEndpoint(input: { id: "${s.storageEndpoints[0].id}", expectedVersion: 1, totalCapacity: 1 }) { storageEndpoint { id } }`,
        `deleteSitePart(kind: ComputeShare, id: "${s.computeShares[0].id}", expectedVersion: 1) { id }`,
      ]) {
        const res = await stack.query(`mutation { ${m} }`, {}, { as: "sara" });
        expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        expect(res.errors?.[0]?.message).toMatch(/Only administrators of site NIKHEF-ELPROD/);
      }
    });
  });
});
