import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { diracSiteMapping, SEED_DIRAC_SITES } from "../src/placement/domain/dirac-sites";
import { jdlToRequirements, parseJdl, siteFromDirac } from "../src/placement/domain/jdl";

const LINC_JDL = `[
  // LOFAR target calibration, as a DIRAC user would submit it
  Executable = "linc_target.sh";
  Arguments = "--obsid L650628";
  JobGroup = "lofar-l2";
  CPUTime = 576000;
  NumberOfProcessors = 16;
  MaxRAM = 65536;
  Platform = "x86_64-el9";
  Site = {"LCG.SARA-MATRIX.nl", "LCG.PSNC.pl"};
  BannedSites = {"LCG.RAL-LCG2.uk"};
  Tags = {"mcore"};
  InputData = {"LFN:/lofar/ops/projects/lt16_004/L650628/L1"};
  StdOutput = "std.out";   # not a placement attribute
]`;

describe("DIRAC JDL", () => {
  it("reads the common subset into requirements", () => {
    const job = jdlToRequirements(LINC_JDL, "vo.lofar.eu");
    expect(job.requirements).toEqual({
      vo: "vo.lofar.eu",
      cores: 16,
      memoryMb: 65536,
      gpus: 0,
      cpuWorkHs06Seconds: 576000,
      platform: "x86_64",
      tags: ["mcore"],
      allowedSites: ["SARA-MATRIX", "PSNC"],
      bannedSites: ["RAL-LCG2"],
      computeEndpoints: null,
    });
    expect(job).toMatchObject({
      executable: "linc_target.sh",
      arguments: "--obsid L650628",
      jobGroup: "lofar-l2",
    });
    expect(job.inputData).toEqual(["/lofar/ops/projects/lt16_004/L650628/L1"]);
    expect(job.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/StdOutput \(line 14\) is not used/)]),
    );
  });

  it("understands WholeNode, processor and GPU tags, a single BannedSite, no brackets, and the VO in the JDL", () => {
    const job = jdlToRequirements(
      `Executable = "idg"; WholeNode = "yes"; Tags = {"8Processors", "GPU"}; BannedSite = "LCG.CERN-PROD.ch"; VirtualOrganization = "vo.process-project.eu";`,
      null,
    );
    expect(job.requirements).toMatchObject({
      vo: "vo.process-project.eu",
      cores: 8,
      gpus: 1,
      tags: ["wholenode"],
      bannedSites: ["CERN-PROD"],
    });
  });

  it.each([
    [`[ Executable = "x" `, 1, 20, /expected '\]' to close the JDL/],
    [`[\n  Executable = "x"\n  CPUTime = 10;\n]`, 3, 3, /expected ';' after the value of Executable/],
    [`[\n  Site = {"A", "B";\n]`, 2, 19, /expected ',' or '}' in a list/],
    [`[\n  Executable = "unterminated;\n]`, 2, 30, /unterminated string/],
    [`[\n  = 5;\n]`, 2, 3, /expected an attribute name/],
    [`[ CPUTime = ; ]`, 1, 13, /expected a value/],
  ])("reports a syntax error with its position: %p", (jdl, line, column, message) => {
    expect(() => parseJdl(jdl)).toThrow(message);
    try {
      parseJdl(jdl);
    } catch (error) {
      expect(error).toMatchObject({ line, column });
    }
    expect(() => jdlToRequirements(jdl, "vo.lofar.eu")).toThrow(new RegExp(`line ${line}, column ${column}`));
  });

  it("refuses values of the wrong kind and a missing VO, saying what to fix", () => {
    expect(() => jdlToRequirements(`NumberOfProcessors = "many";`, "vo.lofar.eu")).toThrow(
      /NumberOfProcessors must be a whole number/,
    );
    expect(() => jdlToRequirements(`Executable = "x";`, null)).toThrow(/which VO the job runs as/);
  });

  it("maps DIRAC site names to GOCDB short names", () => {
    expect(siteFromDirac("LCG.SARA-MATRIX.nl")).toBe("SARA-MATRIX");
    expect(siteFromDirac("CLOUD.CESNET-MCC.cz")).toBe("CESNET-MCC");
    expect(siteFromDirac("PSNC")).toBe("PSNC");
  });
});

describe("DIRAC JDL as DIRAC writes it (test/fixtures/real-world/jdl)", () => {
  const corpus = (name: string) =>
    readFileSync(
      path.join(__dirname, "..", "..", "..", "test", "fixtures", "real-world", "jdl", name),
      "utf8",
    );
  const sites = diracSiteMapping(SEED_DIRAC_SITES);

  it.each(
    readdirSync(path.join(__dirname, "..", "..", "..", "test", "fixtures", "real-world", "jdl")).filter((f) =>
      f.endsWith(".jdl"),
    ),
  )("reads %s", (name) => {
    const job = jdlToRequirements(corpus(name), "vo.lofar.eu", sites);
    expect(job.requirements.vo).toBeTruthy();
  });

  it("reads Site = ANY as no restriction", () => {
    const job = jdlToRequirements(corpus("diracx-TEST_JDL.jdl"), "vo.lofar.eu", sites);
    expect(job.requirements.allowedSites).toBeNull();
    expect(job.executable).toBe("dirac-jobexec");
    expect(jdlToRequirements(`Site = {"ANY"};`, "ops", sites).requirements.allowedSites).toBeNull();
  });

  it("maps DIRAC site names through DIRAC's Resources/Sites, and names the ones it does not know", () => {
    const job = jdlToRequirements(
      corpus("dirac-tutorial-advanced-APItoJDL-output.jdl"),
      "vo.lofar.eu",
      sites,
    );
    expect(job.requirements.allowedSites).toEqual(["IN2P3-CC"]);
    expect(job.requirements.bannedSites).toEqual(["ABCD", "EFGH"]);
    expect(job.warnings).toEqual(
      expect.arrayContaining([
        "Banned site 'LCG.ABCD.fr' is not in the DIRAC site mapping; read as site 'ABCD'.",
        "Banned site 'LCG.EFGH.fr' is not in the DIRAC site mapping; read as site 'EFGH'.",
      ]),
    );
    expect(job.inputData).toEqual([
      "/vo.formation.idgrilles.fr/user/v/vhamar/test.txt",
      "/vo.formation.idgrilles.fr/user/v/vhamar/test2.txt",
    ]);
    expect(job.requirements.cpuWorkHs06Seconds).toBe(21600); // a number DIRAC wrote as a string
    const surf = jdlToRequirements(corpus("surf-gpu_job.jdl"), "vo.lofar.eu", sites);
    expect(surf.requirements).toMatchObject({ allowedSites: ["SARA-MATRIX"], gpus: 1 });
  });

  it("reads DIRAC's nested JobRequirements, an empty InputData as no files, and lets the JDL's VO win", () => {
    const job = jdlToRequirements(
      corpus("dirac-Test_JobDB-processed-with-JobRequirements.jdl"),
      "vo.lofar.eu",
      sites,
    );
    expect(job.inputData).toEqual([]);
    expect(job.requirements).toMatchObject({ vo: "vo", cpuWorkHs06Seconds: 86400 });
    expect(job.warnings).toContain("The JDL's VirtualOrganization 'vo' is used, not 'vo.lofar.eu'.");
    const nested = jdlToRequirements(
      `[ Executable = "x"; JobRequirements = [ Sites = {"LCG.PSNC.pl"}; Tags = {"8Processors"}; VirtualOrganization = "vo.lofar.eu"; ]; ]`,
      null,
      sites,
    );
    expect(nested.requirements).toMatchObject({ vo: "vo.lofar.eu", allowedSites: ["PSNC"], cores: 8 });
  });

  it("reads GridCE as the compute endpoint the job must go through", () => {
    const job = jdlToRequirements(`GridCE = "ce01.reef.man.poznan.pl"; Site = "LCG.PSNC.pl";`, "ops", sites);
    expect(job.requirements).toMatchObject({
      computeEndpoints: ["ce01.reef.man.poznan.pl"],
      allowedSites: ["PSNC"],
    });
  });

  it("reads Min/MaxNumberOfProcessors and the 16Processors tag", () => {
    expect(
      jdlToRequirements(corpus("dirac-Test_Agent_JobAgent-16Processors.jdl"), "ops", sites).requirements
        .cores,
    ).toBe(16);
    expect(
      jdlToRequirements(`MinNumberOfProcessors = 4; MaxNumberOfProcessors = 32;`, "ops").requirements.cores,
    ).toBe(4);
    expect(() => jdlToRequirements(`MinNumberOfProcessors = 8; MaxNumberOfProcessors = 2;`, "ops")).toThrow(
      /MaxNumberOfProcessors \(2\) is less than MinNumberOfProcessors \(8\)/,
    );
  });

  it("expands parametric JDLs as DIRAC does", () => {
    expect(jdlToRequirements(`Parameters = {"L1", "L2", "L3"};`, "ops").parameters).toEqual([
      "L1",
      "L2",
      "L3",
    ]);
    expect(
      jdlToRequirements(`Parameters = 4; ParameterStart = 1; ParameterStep = 2; ParameterFactor = 1;`, "ops")
        .parameters,
    ).toEqual(["1", "3", "5", "7"]);
    expect(
      jdlToRequirements(`Parameters = 3; ParameterStart = 1; ParameterFactor = 2;`, "ops").parameters,
    ).toEqual(["1", "2", "4"]);
    expect(() => jdlToRequirements(`Parameters = 0;`, "ops")).toThrow(/Parameters must be a list or a count/);
    // DIRAC starts a generated sequence at 1.
    expect(jdlToRequirements(`Parameters = 2; ParameterStep = 5;`, "ops").parameters).toEqual(["1", "6"]);
  });

  it("puts %s, %(name)s and a zero-padded %n into each job, as DIRAC's ParametricJob does", () => {
    const job = jdlToRequirements(
      `Executable = "run.sh"; JobName = "cal_%n"; Arguments = "%s --obs %(obs)s";
       Parameters = 11; ParameterStart = 0; ParameterStep = 1;
       Parameters.obs = {L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11};`,
      "ops",
    );
    expect(job.jobs).toHaveLength(11);
    expect(job.jobs[0]).toEqual({
      parameter: "0",
      name: "cal_00",
      executable: "run.sh",
      arguments: "0 --obs L1",
      inputData: [],
    });
    expect(job.jobs[10]).toMatchObject({ name: "cal_10", arguments: "10 --obs L11" });
    expect(job.warnings).toEqual([]);
  });

  it("gives each job its own InputData from a Parameters.InputData sequence of lists (DIRAC's testWF.jdl)", () => {
    const job = jdlToRequirements(
      `Arguments = "jobDescription.xml -p JOB_ID=%(JOB_ID)s";
       Executable = "dirac-jobexec";
       InputData = %(InputData)s;
       InputSandbox = jobDescription.xml;
       JobName = Name;
       Parameters = 2;
       Parameters.InputData = { {/lhcb/data/data1, /lhcb/data/data2}, {/lhcb/data/data3} };
       Parameters.JOB_ID = { 1, 2 };`,
      "lhcb",
    );
    expect(job.jobs.map((j) => [j.arguments, j.inputData])).toEqual([
      ["jobDescription.xml -p JOB_ID=1", ["/lhcb/data/data1", "/lhcb/data/data2"]],
      ["jobDescription.xml -p JOB_ID=2", ["/lhcb/data/data3"]],
    ]);
    expect(job.inputData).toEqual(["/lhcb/data/data1", "/lhcb/data/data2", "/lhcb/data/data3"]);
    expect(job.jobs[0].name).toBe("Name");
  });

  it("refuses parameter sequences of different lengths, and a named sequence that is not a list", () => {
    expect(() => jdlToRequirements(`Parameters = 3; Parameters.x = {a, b};`, "ops")).toThrow(
      /parameter sequences differ in length \(3 vs 2\)/,
    );
    expect(() => jdlToRequirements(`Parameters = 3; Parameters.x = 3;`, "ops")).toThrow(
      /Parameters.x \(line 1\) must be a list of values/,
    );
  });

  it("reads bare values as DIRAC's ClassAd reader does: words, paths, numbers, gLite expressions", () => {
    const ad = parseJdl(`JobName = Name; OutputSandbox = {std.err, /tmp/x.log};
      Requirements = other.GlueCEStateStatus == "Production" && other.GlueCEPolicyMaxCPUTime > 100;
      Priority = 1; ParameterStart = 0.;`);
    expect(ad.get("jobname")?.value).toBe("Name");
    expect(ad.get("outputsandbox")?.value).toEqual(["std.err", "/tmp/x.log"]);
    expect(ad.get("requirements")?.value).toBe(
      'other.GlueCEStateStatus == "Production" && other.GlueCEPolicyMaxCPUTime > 100',
    );
    expect(ad.get("priority")?.value).toBe(1);
    expect(ad.get("parameterstart")?.value).toBe(0);
    expect(() => parseJdl(`A = ;`)).toThrow(/line 1, column 5: expected a value but found ';'/);
  });
});
