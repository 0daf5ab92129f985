import { place } from "../src/placement/domain/evaluate";
import { REJECTION_CODES, type RejectionCode } from "../src/placement/domain/rejection-codes";
import { normalizeRequirements, type JobRequirements } from "../src/placement/domain/requirements";
import type { RegistrySnapshot, SiteCapabilities } from "../src/placement/domain/snapshot";
import { compareVersions, parseVersionConstraint, satisfiesVersion } from "../src/placement/domain/versions";

const NOW = Date.UTC(2026, 10, 28, 12);
const H = 3600;

/** A site that meets the baseline request below; each test breaks exactly one thing. */
function site(id = "GOOD-SITE", overrides: Partial<SiteCapabilities> = {}): SiteCapabilities {
  const url = `https://ce.${id.toLowerCase()}.example.org`;
  return {
    site: {
      id,
      officialName: id,
      ngi: "NGI_NL",
      country: "NL",
      kind: "HTC",
      certificationStatus: "Certified",
      infrastructure: "Production",
      supportedVos: ["vo.lofar.eu"],
    },
    endpoints: [
      {
        id: `${id}-ce`,
        siteId: id,
        url,
        interfaceName: "org.nordugrid.arcrest",
        healthState: "ok",
        servingState: "production",
      },
    ],
    shares: [
      {
        id: `${id}-long`,
        siteId: id,
        name: "long",
        endpointUrl: url,
        maxWallTime: 72 * H,
        maxCpuTime: 72 * H * 16,
        maxSlotsPerJob: 32,
        maxMainMemory: 128_000,
        freeSlots: 400,
        waitingJobs: 10,
        estimatedWaitingTime: 1200,
        vos: ["vo.lofar.eu"],
        tags: ["mcore"],
        servingState: "production",
      },
    ],
    environments: [
      {
        siteId: id,
        platform: "x86_64",
        osFamily: "linux",
        osName: "AlmaLinux",
        logicalCpus: 64,
        mainMemory: 256_000,
        gpuModel: null,
        gpuCount: 0,
        benchmarkType: "HEPscore23",
        benchmarkValue: 18,
      },
      {
        siteId: id,
        platform: "x86_64",
        osFamily: "linux",
        osName: "AlmaLinux",
        logicalCpus: 64,
        mainMemory: 512_000,
        gpuModel: "NVIDIA A100 40GB",
        gpuCount: 4,
        benchmarkType: "HEPscore23",
        benchmarkValue: 18,
      },
    ],
    applications: [
      { siteId: id, name: "LINC", version: "5.0" },
      { siteId: id, name: "apptainer", version: "1.3.4" },
    ],
    downtimes: [],
    ...overrides,
  };
}

const BASE: JobRequirements = {
  vo: "vo.lofar.eu",
  cores: 16,
  memoryMb: 64_000,
  wallTimeSeconds: 36 * H,
  platform: "x86_64",
  software: [{ name: "LINC", version: ">=5.0" }],
};

function run(sites: SiteCapabilities[], req: JobRequirements) {
  const snapshot: RegistrySnapshot = { generation: 1, sites };
  return place(snapshot, normalizeRequirements(req, NOW), 10);
}

describe("placement", () => {
  it("places the baseline job on the baseline site", () => {
    const result = run([site()], BASE);
    expect(result.rejected).toEqual([]);
    expect(result.candidates.map((c) => [c.site.id, c.share.name, c.endpoint.interfaceName])).toEqual([
      ["GOOD-SITE", "long", "org.nordugrid.arcrest"],
    ]);
  });

  const t = (at: number) => new Date(NOW + at * 1000);
  const cases: [RejectionCode, JobRequirements, Partial<SiteCapabilities>?, RegExp?][] = [
    ["BANNED_SITE", { ...BASE, bannedSites: ["GOOD-SITE"] }],
    ["BANNED_SITE", { ...BASE, allowedSites: ["ELSEWHERE"] }, undefined, /not among the job's allowed sites/],
    ["SITE_NOT_CERTIFIED", BASE, { site: { ...site().site, certificationStatus: "Suspended" } }],
    ["VO_NOT_SUPPORTED", { ...BASE, vo: "vo.eiscat.se" }, undefined, /does not support vo.eiscat.se/],
    [
      "TOO_MANY_CORES",
      { ...BASE, cores: 64 },
      undefined,
      /needs 64 cores, the largest queue at GOOD-SITE allows 32/,
    ],
    [
      "INSUFFICIENT_MEMORY",
      { ...BASE, memoryMb: 200_000 },
      undefined,
      /needs 195.3 GB, the largest queue at GOOD-SITE allows 125 GB/,
    ],
    [
      "WALLTIME_EXCEEDS_LIMIT",
      { ...BASE, wallTimeSeconds: 96 * H },
      undefined,
      /needs 96h, the longest queue at GOOD-SITE allows 72h/,
    ],
    ["CPUTIME_EXCEEDS_LIMIT", { ...BASE, cpuTimeSeconds: 2000 * H }],
    ["MISSING_TAGS", { ...BASE, tags: ["wholenode"] }],
    [
      "REQUIRED_TAG_NOT_REQUESTED",
      BASE,
      { shares: [{ ...site().shares[0], tags: ["mcore", "gpu"], requiredTags: ["gpu"] }] },
      /the queues at GOOD-SITE take only jobs that ask for gpu; add it to the job's tags/,
    ],
    [
      "INTERFACE_MISMATCH",
      { ...BASE, interfaces: ["org.opensciencegrid.htcondorce"] },
      undefined,
      /offers org.nordugrid.arcrest/,
    ],
    [
      "ENDPOINT_NOT_NAMED",
      { ...BASE, computeEndpoints: ["ce99.elsewhere.org"] },
      undefined,
      /has none of the compute endpoints the job names \(ce99.elsewhere.org\)/,
    ],
    ["ENDPOINT_UNHEALTHY", BASE, { endpoints: [{ ...site().endpoints[0], healthState: "critical" }] }],
    ["QUEUE_CLOSED", BASE, { endpoints: [{ ...site().endpoints[0], servingState: "draining" }] }],
    ["QUEUE_CLOSED", BASE, { shares: [{ ...site().shares[0], servingState: "closed" }] }],
    [
      "SITE_IN_DOWNTIME",
      BASE,
      {
        downtimes: [
          {
            siteId: "GOOD-SITE",
            severity: "OUTAGE",
            startsAt: t(10 * H),
            endsAt: t(20 * H),
            description: "upgrade",
            affectedEndpoints: [],
          },
        ],
      },
      /OUTAGE.*upgrade/,
    ],
    ["NO_GPU", { ...BASE, gpus: 8 }, undefined, /needs 8× GPU per node, GOOD-SITE has 4× NVIDIA A100 40GB/],
    ["NO_GPU", { ...BASE, gpus: 1, gpuModel: "H100" }],
    ["PLATFORM_MISMATCH", { ...BASE, platform: "aarch64" }, undefined, /needs aarch64, GOOD-SITE has x86_64/],
    ["OS_MISMATCH", { ...BASE, osFamily: "windows" }],
    [
      "MISSING_SOFTWARE",
      { ...BASE, software: [{ name: "LINC", version: ">=6" }] },
      undefined,
      /needs LINC >=6, GOOD-SITE has LINC 5.0/,
    ],
    ["MISSING_SOFTWARE", { ...BASE, software: [{ name: "MATLAB" }] }, undefined, /does not offer MATLAB/],
    ["NO_CONTAINER_RUNTIME", { ...BASE, containerRuntime: "docker" }],
  ];

  // Rows padded to four values: jest passes a `done` callback to a test function that takes
  // more parameters than its row has values, and then waits for it.
  const rows = cases.map(
    ([code, req, overrides, message]) => [code, req, overrides ?? {}, message ?? null] as const,
  );
  it.each(rows)("rejects with %s when exactly that requirement is unmet", (code, req, overrides, message) => {
    const result = run([site("GOOD-SITE", overrides)], req);
    expect(result.candidates).toEqual([]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0].reasons.map((r) => r.code)).toEqual([code]);
    if (message) expect(result.rejected[0].reasons[0].message).toMatch(message);
  });

  it("has a row for every rejection code (NO_MATCHING_QUEUE has its own test below)", () => {
    const covered = new Set<string>([...cases.map(([code]) => code), "NO_MATCHING_QUEUE"]);
    expect(REJECTION_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });

  it("sends a job that asks for a queue's required tag there", () => {
    const shares = [{ ...site().shares[0], tags: ["mcore", "gpu"], requiredTags: ["gpu"] }];
    const result = run([site("GOOD-SITE", { shares })], { ...BASE, tags: ["gpu"] });
    expect(result.candidates.map((c) => c.share.name)).toEqual(["long"]);
  });

  it("reports NO_MATCHING_QUEUE when each requirement is met by some queue but no queue meets all", () => {
    const base = site();
    const shares = [
      { ...base.shares[0], name: "long", maxSlotsPerJob: 8 }, // long enough, too few cores
      { ...base.shares[0], id: "short", name: "short", maxWallTime: 4 * H }, // enough cores, too short
    ];
    const result = run([{ ...base, shares }], BASE);
    expect(result.rejected[0].reasons.map((r) => r.code)).toEqual(["NO_MATCHING_QUEUE"]);
  });

  it("lists every unmet requirement of a site, not just the first", () => {
    const result = run([site()], { ...BASE, cores: 64, wallTimeSeconds: 96 * H, platform: "aarch64" });
    expect(result.rejected[0].reasons.map((r) => r.code).sort()).toEqual([
      "PLATFORM_MISMATCH",
      "TOO_MANY_CORES",
      "WALLTIME_EXCEEDS_LIMIT",
    ]);
  });

  it("ranks by documented score terms, breaks ties by site id, and gives the same order every time", () => {
    const warn = {
      siteId: "B-WARN",
      severity: "WARNING",
      startsAt: new Date(NOW - H * 1000),
      endsAt: new Date(NOW + H * 1000),
      description: "slow network",
      affectedEndpoints: [],
    };
    const sites = [site("C-PLAIN"), site("A-PLAIN"), site("B-WARN", { downtimes: [warn] }), site("D-DATA")];
    const req = { ...BASE, dataSites: ["D-DATA"] };
    const first = run(sites, req);
    expect(first.candidates.map((c) => c.site.id)).toEqual(["D-DATA", "A-PLAIN", "C-PLAIN", "B-WARN"]);
    expect(first.candidates[0].reasons.find((r) => r.code === "DATA_LOCAL")?.points).toBe(30);
    expect(first.candidates[3].reasons.find((r) => r.code === "DOWNTIME_WARNING")?.points).toBe(-25);
    for (const c of first.candidates)
      expect(c.score).toBeCloseTo(c.reasons.reduce((s, r) => s + r.points, 0));
    expect(run([...sites].reverse(), req).candidates.map((c) => c.site.id)).toEqual(
      first.candidates.map((c) => c.site.id),
    );
  });

  it("ignores an OUTAGE outside the job's window, and one that affects only another endpoint", () => {
    const later = {
      siteId: "GOOD-SITE",
      severity: "OUTAGE",
      startsAt: new Date(NOW + 48 * H * 1000),
      endsAt: new Date(NOW + 50 * H * 1000),
      description: "later",
      affectedEndpoints: [],
    };
    expect(run([site("GOOD-SITE", { downtimes: [later] })], BASE).candidates).toHaveLength(1);
    const other = { ...later, startsAt: new Date(NOW), affectedEndpoints: ["https://other.example.org"] };
    expect(run([site("GOOD-SITE", { downtimes: [other] })], BASE).candidates).toHaveLength(1);
  });

  it("refuses malformed requirements with BAD_USER_INPUT", () => {
    expect(() => normalizeRequirements({ ...BASE, platform: "sparc" })).toThrow(
      /'platform' must be one of x86_64/,
    );
    expect(() => normalizeRequirements({ ...BASE, cores: 0 })).toThrow(
      /'cores' must be a whole number of at least 1/,
    );
    expect(() => normalizeRequirements({ ...BASE, vo: " " })).toThrow(/'vo'/);
    expect(() => normalizeRequirements({ ...BASE, software: [{ name: "LINC", version: "~> 5" }] })).toThrow(
      /comparison such as >=5.0/,
    );
  });
});

describe("software versions", () => {
  it.each([
    ["5.0.3", "5.0", true],
    ["5.1", "5.0", false],
    ["6.2", ">=6.1", true],
    ["6.0", ">=6.1", false],
    ["3.5", "<4", true],
    ["R2024a", ">=R2023b", true],
    ["R2023a", ">=R2023b", false],
    [null, ">=1", false],
  ])("%s satisfies %s: %s", (have, want, ok) => {
    expect(satisfiesVersion(have, parseVersionConstraint(want))).toBe(ok);
  });
  it("orders versions part by part", () => {
    expect(compareVersions("10.0", "9.9")).toBe(1);
    expect(compareVersions("1.2", "1.2.0")).toBe(0);
  });
});

describe("DIRAC's CPU work (HS06-seconds) against each site's benchmark", () => {
  it("divides the work by the site's HS06 per core before comparing with the queue's CPU time limit", () => {
    // The queue allows 72 h x 16 of CPU time; the site's best node type does 22 HEPscore23 per core.
    const limit = 72 * H * 16;
    const perCore = Math.max(...site().environments.map((e) => e.benchmarkValue ?? 0));
    const fits = run([site()], { ...BASE, cpuWorkHs06Seconds: limit * perCore });
    expect(fits.rejected).toEqual([]);
    const tooMuch = run([site()], { ...BASE, cpuWorkHs06Seconds: limit * perCore + perCore * 60 });
    expect(tooMuch.rejected[0].reasons.map((r) => r.code)).toEqual(["CPUTIME_EXCEEDS_LIMIT"]);
    expect(tooMuch.rejected[0].reasons[0].message).toMatch(
      new RegExp(`HS06-seconds of CPU work, .* at GOOD-SITE's ${perCore} HS06 per core`),
    );
    // Without an HS06-scale benchmark the work cannot be compared, and the site is not refused for it.
    const unrated = site("GOOD-SITE", {
      environments: site().environments.map((e) => ({ ...e, benchmarkType: "whetstone" })),
    });
    expect(run([unrated], { ...BASE, cpuWorkHs06Seconds: limit * 1000 }).rejected).toEqual([]);
  });
});
