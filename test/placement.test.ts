import { seedSites } from "../seeds/load";
import { startStack, type Stack } from "../scripts/in-process-stack";

/** The scientist's question through the gateway, on the seeded registry of 29 sites. */
const PLACE = `query($r: JobRequirementsInput!) {
  placement(requirements: $r, first: 50) {
    evaluatedSites
    candidates { rank score site { id } share { name maxWallTime } endpoint { interfaceName } estimatedWaitSeconds reasons { code points message } }
    rejected { site { id } reasons { code message } }
  }
}`;

const LOFAR_JOB = {
  vo: "vo.lofar.eu",
  cores: 16,
  memoryMb: 64 * 1024,
  wallTimeSeconds: 36 * 3600,
  software: [{ name: "LINC", version: ">=5.0" }],
};

describe("placement through the gateway", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await seedSites(stack.em("sites"));
  });
  afterAll(() => stack?.stop());

  it("answers where a 16-core, 64 GB, 36 h LOFAR job with LINC >= 5.0 can run, and why not elsewhere", async () => {
    const { data, errors } = await stack.query(PLACE, { r: LOFAR_JOB });
    expect(errors).toBeUndefined();
    const { candidates, rejected, evaluatedSites } = data.placement;
    expect(evaluatedSites).toBe(29);
    expect(candidates.length + rejected.length).toBe(29);
    // Only SARA-MATRIX publishes LINC 5.0 among the seeded sites (PSNC has LINC 4.0).
    expect(candidates.map((c: any) => c.site.id)).toEqual(["SARA-MATRIX"]);
    const best = candidates[0];
    expect(best.rank).toBe(1);
    expect(best.share.maxWallTime).toBeGreaterThanOrEqual(36 * 3600);
    expect(best.score).toBeCloseTo(best.reasons.reduce((s: number, r: any) => s + r.points, 0));
    const reasonsOf = (id: string) => rejected.find((r: any) => r.site.id === id).reasons;
    expect(reasonsOf("PSNC")).toEqual([
      { code: "MISSING_SOFTWARE", message: "needs LINC >=5.0, PSNC has LINC 4.0." },
    ]);
    expect(reasonsOf("NDGF-T1").map((r: any) => r.code)).toEqual(
      expect.arrayContaining(["VO_NOT_SUPPORTED", "MISSING_SOFTWARE"]),
    );
    for (const r of rejected) {
      expect(r.reasons.length).toBeGreaterThan(0);
      for (const reason of r.reasons) expect(reason.message.length).toBeGreaterThan(10);
    }
  });

  it("ranks several candidates stably and favours the sites holding the data", async () => {
    const r = {
      vo: "vo.lofar.eu",
      cores: 8,
      memoryMb: 16000,
      wallTimeSeconds: 12 * 3600,
      dataSites: ["FZK-LCG2"],
    };
    const first = (await stack.query(PLACE, { r })).data.placement.candidates.map((c: any) => c.site.id);
    const again = (await stack.query(PLACE, { r })).data.placement.candidates.map((c: any) => c.site.id);
    expect(first.length).toBeGreaterThan(3);
    expect(again).toEqual(first);
    expect(first[0]).toBe("FZK-LCG2");
  });

  it("sees registry changes at once: a declared OUTAGE moves a site from candidates to rejected", async () => {
    const r = { ...LOFAR_JOB, startAt: "2031-03-01T12:00:00Z" };
    expect((await stack.query(PLACE, { r })).data.placement.candidates.map((c: any) => c.site.id)).toEqual([
      "SARA-MATRIX",
    ]);
    const declared = await stack.query(
      `mutation { declareDowntime(input: { siteId: "SARA-MATRIX", severity: OUTAGE, classification: SCHEDULED,
        startsAt: "2031-03-01T00:00:00Z", endsAt: "2031-03-03T00:00:00Z", description: "dCache upgrade" }) { downtime { id } } }`,
      {},
      { as: "sara" },
    );
    expect(declared.errors).toBeUndefined();
    const after = (await stack.query(PLACE, { r })).data.placement;
    expect(after.candidates).toEqual([]);
    const sara = after.rejected.find((x: any) => x.site.id === "SARA-MATRIX");
    expect(sara.reasons).toEqual([
      { code: "SITE_IN_DOWNTIME", message: expect.stringContaining("dCache upgrade") },
    ]);
    // A job that ends before the outage still goes there.
    const before = await stack.query(PLACE, { r: { ...LOFAR_JOB, startAt: "2031-02-26T00:00:00Z" } });
    expect(before.data.placement.candidates.map((c: any) => c.site.id)).toEqual(["SARA-MATRIX"]);
  });

  it("places a DIRAC JDL, and points at the line and column of a syntax error", async () => {
    const JDL = `[
      Executable = "linc_target.sh";
      NumberOfProcessors = 8;
      MaxRAM = 16000;
      Site = {"LCG.SARA-MATRIX.nl", "LCG.PSNC.pl", "LCG.NDGF-T1.dk"};
      BannedSite = "LCG.PSNC.pl";
    ]`;
    const q = `query($jdl: String!) { placementForJdl(jdl: $jdl, vo: "vo.lofar.eu") {
      requirements { cores memoryMb allowedSites bannedSites } warnings
      placement { candidates { site { id } } rejected { site { id } reasons { code } } } } }`;
    const { data, errors } = await stack.query(q, { jdl: JDL });
    expect(errors).toBeUndefined();
    const job = data.placementForJdl;
    expect(job.requirements).toEqual({
      cores: 8,
      memoryMb: 16000,
      allowedSites: ["SARA-MATRIX", "PSNC", "NDGF-T1"],
      bannedSites: ["PSNC"],
    });
    expect(job.placement.candidates.map((c: any) => c.site.id)).toEqual(["SARA-MATRIX"]);
    const reasons = Object.fromEntries(
      job.placement.rejected.map((r: any) => [r.site.id, r.reasons.map((x: any) => x.code)]),
    );
    expect(reasons.PSNC).toEqual(["BANNED_SITE"]);
    expect(reasons["NDGF-T1"]).toEqual(expect.arrayContaining(["VO_NOT_SUPPORTED"]));
    expect(reasons["CERN-PROD"]).toEqual(expect.arrayContaining(["BANNED_SITE"])); // not among Site

    const broken = await stack.query(q, { jdl: `[\n  Executable = "x"\n  CPUTime = 10;\n]` });
    expect(broken.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(broken.errors?.[0]?.message).toMatch(
      /line 3, column 3: expected ';' after the value of Executable/,
    );
  });

  it("refuses bad requirements with BAD_USER_INPUT", async () => {
    const res = await stack.query(PLACE, { r: { ...LOFAR_JOB, platform: "sparc64" } });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toMatch(/'platform' must be one of/);
  });
});
