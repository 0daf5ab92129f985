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
      cpuTimeSeconds: 576000,
      platform: "x86_64",
      tags: ["mcore"],
      allowedSites: ["SARA-MATRIX", "PSNC"],
      bannedSites: ["RAL-LCG2"],
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
