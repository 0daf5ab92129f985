import { startStack, type Stack } from "../scripts/in-process-stack";

/** The federated graph on seeded data, through the gateway: what a frontend sees. */
describe("the federated graph on seed data", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: true });
  });
  afterAll(() => stack?.stop());

  it("answers one query that crosses all four subgraphs", async () => {
    const { data, errors } = await stack.query(
      `{
      dataset(id: "lofar-L650628-L2") {
        title community level
        observation { target antennaSet frequencyMinMhz frequencyMaxMhz }
        derivedFrom { id level }
        replicas { state site { id country computeEndpoints { interfaceName } } }
        consumedBy { totalCount edges { node { name status site { id } inputs { id } } } }
        researchObjects { totalCount edges { node { id doi datasets { id } } } }
      }
    }`,
      {},
      { as: "alice" }, // owner of this observation's data and jobs
    );
    expect(errors).toBeUndefined();
    const ds = data.dataset;
    expect(ds.title).toContain("ELAIS-N1");
    expect(ds.observation).toEqual({
      target: "ELAIS-N1",
      antennaSet: "HBA_DUAL_INNER",
      frequencyMinMhz: 120,
      frequencyMaxMhz: 168,
    });
    expect(ds.derivedFrom).toEqual([{ id: "lofar-L650628-L1", level: "L1" }]);
    // sites subgraph resolved the Site entities the datasets subgraph referenced
    expect(ds.replicas.map((r: any) => r.site.id)).toContain("SARA-MATRIX");
    expect(ds.replicas[0].site.computeEndpoints[0].interfaceName).toBe("org.nordugrid.arcrest");
    // jobs subgraph contributed Dataset.consumedBy; Job.inputs points back at the dataset
    expect(ds.consumedBy.totalCount).toBe(1);
    expect(ds.consumedBy.edges[0].node.inputs).toEqual([{ id: "lofar-L650628-L2" }]);
    // research-objects subgraph contributed Dataset.researchObjects
    expect(ds.researchObjects.edges.map((e: any) => e.node.id)).toEqual(["ro-lotss-deep-elais-n1"]);
    // (items alice may not see come back null: the owning subgraph is asked for each id)
    expect(ds.researchObjects.edges[0].node.datasets.map((d: any) => d?.id)).toContain("lofar-L650628-L2");
  });

  it("pages through a connection with cursors and a stable total", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let page = 0; page < 20; page++) {
      const res: any = await stack.query(
        `query($after: String) { datasets(first: 40, after: $after, filter: { community: LOFAR }) {
           totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id community } } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      const conn = res.data.datasets;
      total = conn.totalCount;
      seen.push(...conn.edges.map((e: any) => e.node.id));
      expect(conn.edges.every((e: any) => e.node.community === "LOFAR")).toBe(true);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(50); // the public LOFAR datasets an anonymous caller sees
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("filters datasets by level and by words in the title or description", async () => {
    const { data } = await stack.query(
      `{
      l4: datasets(filter: { level: L4 }) { totalCount edges { node { level } } }
      text: datasets(filter: { text: "pulsar b0809" }) { totalCount edges { node { title community } } }
      sites: sites(filter: { vo: "vo.eiscat.se" }) { totalCount edges { node { id supportedVos } } }
    }`,
      {},
      { as: "pat" }, // a platform administrator sees every dataset
    );
    expect(data.l4.totalCount).toBeGreaterThan(0);
    expect(data.l4.edges.every((e: any) => e.node.level === "L4")).toBe(true);
    expect(data.text.totalCount).toBeGreaterThan(0);
    expect(data.text.edges.every((e: any) => e.node.community === "NENUFAR")).toBe(true);
    expect(data.sites.edges.map((e: any) => e.node.id)).toEqual(
      expect.arrayContaining(["NDGF-T1", "NO-SIGMA2-NIRD"]),
    );
    expect(data.sites.edges.every((e: any) => e.node.supportedVos.includes("vo.eiscat.se"))).toBe(true);
  });

  it("shows a site's capability record and which seeded sites are down now", async () => {
    const { data } = await stack.query(`{
      site(id: "NDGF-T1") { officialName kind computeShares { name maxWallTime maxMainMemory vos }
        executionEnvironments { platform osName logicalCpus mainMemory } applicationEnvironments { name version }
        storageEndpoints { url protocols accessLatency } }
      all: sites(first: 100) { edges { node { id inDowntime downtimes { severity affectedEndpoints } } } }
    }`);
    expect(data.site.kind).toBe("HTC");
    expect(data.site.applicationEnvironments).toEqual(
      expect.arrayContaining([{ name: "MATLAB", version: "R2024a" }]),
    );
    expect(data.site.computeShares.find((s: any) => s.name === "long").maxWallTime).toBe(72 * 3600);
    const down = data.all.edges.filter((e: any) => e.node.inDowntime);
    expect(down.length).toBeGreaterThan(0);
    for (const e of down)
      expect(
        e.node.downtimes.some((d: any) => d.severity === "OUTAGE" && d.affectedEndpoints.length === 0),
      ).toBe(true);
  });

  it("filters sites by capabilities: interface, platform, GPUs, software, downtime", async () => {
    const ids = async (filter: string) =>
      (
        await stack.query(`{ sites(first: 100, filter: ${filter}) { edges { node { id } } } }`)
      ).data.sites.edges.map((e: any) => e.node.id);
    expect(await ids(`{ interface: "org.slurm.rest" }`)).toEqual(
      expect.arrayContaining(["CSC-LUMI", "FZJ-JSC", "SURF-SNELLIUS"]),
    );
    expect(await ids(`{ interface: "org.slurm.rest" }`)).not.toContain("SARA-MATRIX");
    expect(await ids(`{ platform: "aarch64" }`)).toEqual(["CERN-ARM"]);
    const gpu = await ids(`{ gpu: true }`);
    expect(gpu).toEqual(expect.arrayContaining(["CSC-LUMI", "IFCA-LCG2"]));
    expect(await ids(`{ gpu: false }`)).not.toEqual(expect.arrayContaining([gpu[0]]));
    expect(await ids(`{ software: "matlab" }`)).toEqual(
      expect.arrayContaining(["NDGF-T1", "NO-SIGMA2-NIRD"]),
    );
    expect(await ids(`{ software: "matlab", vo: "vo.eiscat.se", kind: HTC }`)).toEqual(["NDGF-T1"]);
    const down = await ids(`{ inDowntime: true }`);
    expect(down.length).toBeGreaterThan(0);
    const all = await ids(`{}`);
    expect((await ids(`{ inDowntime: false }`)).length).toBe(all.length - down.length);
  });

  it("answers null for unknown ids and BAD_USER_INPUT for bad arguments, with messages that say what to fix", async () => {
    const unknown = await stack.query(
      `{ site(id: "NO-SUCH-SITE") { id } dataset(id: "nope") { id } job(id: "nope") { id } researchObject(id: "nope") { id } }`,
    );
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ site: null, dataset: null, job: null, researchObject: null });

    const cases: [string, RegExp][] = [
      [`{ datasets(first: 1000) { totalCount } }`, /'first' must be between 0 and 250; got 1000/],
      [`{ sites(first: -1) { totalCount } }`, /'first' must be between 0 and 250; got -1/],
      [`{ jobs(after: "not-a-cursor") { totalCount } }`, /'after' is not a cursor returned by this API/],
      [`{ site(id: "  ") { id } }`, /'id' must not be empty/],
      [`{ sites(filter: { country: "Poland" }) { totalCount } }`, /country must be a two-letter ISO code/],
    ];
    for (const [query, message] of cases) {
      const res = await stack.query(query);
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.message).toMatch(message);
      expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
    }
  });
});
