import { checkRecord, platformAlias, Problems, type RecordKind } from "../src/registry/domain/record-rules";

/** The one rulebook for site records (admin mutations and GLUE 2.0 JSON imports obey it). */
function problemsOf(
  kind: RecordKind,
  fields: Record<string, unknown>,
  current: Record<string, unknown> | null = null,
) {
  const problems = new Problems();
  checkRecord(kind, fields, current, problems);
  return problems.list;
}

describe("site record rules", () => {
  it("reports every problem of a record at once, each with its field", () => {
    const problems = problemsOf("ExecutionEnvironment", {
      platform: "amd64",
      osFamily: "linux",
      osName: "Rocky",
      osVersion: "9.4",
      logicalCpus: 0,
      mainMemory: -512,
    });
    expect(problems.map((p) => p.field)).toEqual(["platform", "logicalCpus", "mainMemory"]);
    expect(problems[0].message).toMatch(/'amd64' is not a known platform \(did you mean x86_64\?\)/);
    expect(problems[2].message).toMatch(/'mainMemory' must be a whole number of MB, at least 1; got -512/);
  });

  it("requires what a new record needs, and lets an update name only what changes", () => {
    expect(problemsOf("ComputeShare", {}).map((p) => p.field)).toEqual(["name"]);
    expect(problemsOf("ComputeShare", { maxWallTime: 3600 }, { name: "long" })).toEqual([]);
    expect(problemsOf("ComputeShare", { name: null }, { name: "long" })[0].message).toMatch(
      /'name' is required and cannot be removed/,
    );
  });

  it("checks fields against each other as the record would be after the change", () => {
    const downtime = {
      severity: "OUTAGE",
      classification: "SCHEDULED",
      startsAt: "2030-01-02T00:00:00Z",
      endsAt: "2030-01-01T00:00:00Z",
      description: "upgrade",
    };
    expect(problemsOf("Downtime", downtime).map((p) => p.message)).toEqual([
      expect.stringMatching(/'endsAt' \(2030-01-01T00:00:00.000Z\) must be after 'startsAt'/),
    ]);
    // An update of only the free capacity is checked against the stored total.
    expect(
      problemsOf(
        "StorageEndpoint",
        { freeCapacity: 20 },
        { url: "davs://se.example.org", totalCapacity: 10 },
      ).map((p) => p.message),
    ).toEqual([expect.stringMatching(/'freeCapacity' \(20 TB\) cannot exceed 'totalCapacity' \(10 TB\)/)]);
  });

  it("accepts only URL schemes that fit the part, saying which", () => {
    const [problem] = problemsOf("ComputeEndpoint", {
      url: "ftp://ce.example.org",
      interfaceName: "org.nordugrid.arcrest",
      implementationName: "ARC",
    });
    expect(problem).toMatchObject({ field: "url" });
    expect(problem.message).toMatch(/'url' must be a https, http, ldap, gsiftp, condor URL/);
  });

  it("normalizes what it accepts: trimmed text, lists without duplicates", () => {
    const out = checkRecord("ComputeShare", { name: "  long ", tags: ["gpu", "gpu", "mcore"] }, null);
    expect(out).toEqual({ name: "long", tags: ["gpu", "mcore"] });
  });

  it.each([
    ["amd64", "x86_64"],
    ["arm64", "aarch64"],
    ["x86_64", null],
  ])("reads the platform spelling %s as %s", (spelling, glue2) => {
    expect(platformAlias(spelling)).toBe(glue2);
  });
});
