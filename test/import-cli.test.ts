import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { seedSites } from "../seeds/load";
import { ImportFailed, runImport, type ImportOptions } from "../scripts/import";
import { startStack, type Stack } from "../scripts/in-process-stack";

/** The operators' CLI (`npm run import`): reads and checks locally, shows progress, imports through the gateway. */
const FIXTURES = path.join(__dirname, "fixtures");
const dir = mkdtempSync(path.join(tmpdir(), "gridgraph-import-"));

function capture() {
  const progress = new PassThrough();
  const result = new PassThrough();
  const text = { progress: "", result: "" };
  progress.on("data", (c) => (text.progress += c));
  result.on("data", (c) => (text.result += c));
  return { out: { progress, result }, text };
}

/** A big BDII dump: the PSNC fixture plus `extra` more queues, each with a VO mapping policy. */
function bigLdif(extra: number): string {
  const base = readFileSync(path.join(FIXTURES, "psnc-bdii.ldif"), "utf8");
  const more: string[] = [];
  for (let i = 0; i < extra; i++) {
    const id = `urn:ogf:ComputingShare:ce01.reef.man.poznan.pl:bulk${i}`;
    more.push(
      `dn: GLUE2ShareID=${id},GLUE2ServiceID=urn:ogf:ComputingService:ce01.reef.man.poznan.pl,o=glue`,
      "objectClass: GLUE2ComputingShare",
      `GLUE2ShareID: ${id}`,
      `GLUE2ComputingShareMappingQueue: bulk${i}`,
      `GLUE2ComputingShareMaxWallTime: ${3600 * (1 + (i % 72))}`,
      "GLUE2ComputingShareComputingEndpointForeignKey: urn:ogf:ComputingEndpoint:ce01.reef.man.poznan.pl:9619",
      "",
      `dn: GLUE2PolicyID=${id}:policy,o=glue`,
      "objectClass: GLUE2MappingPolicy",
      `GLUE2PolicyID: ${id}:policy`,
      "GLUE2PolicyRule: vo:vo.lofar.eu",
      `GLUE2MappingPolicyShareForeignKey: ${id}`,
      "",
    );
  }
  return `${base}\n${more.join("\n")}\n`;
}

describe("npm run import", () => {
  let stack: Stack;
  let options: (o: Partial<ImportOptions>) => Promise<ImportOptions>;
  beforeAll(async () => {
    stack = await startStack();
    await seedSites(stack.em("sites"));
    options = async (o) => ({
      format: "glue2-ldif",
      file: "",
      site: "PSNC",
      gatewayUrl: stack.gatewayUrl,
      token: await stack.tokenFor("pat"),
      ...o,
    });
  });
  afterAll(() => stack?.stop());

  it("imports a large BDII dump, showing each step's progress, and prints the report", async () => {
    const file = path.join(dir, "psnc-big.ldif");
    writeFileSync(file, bigLdif(3000));
    const { out, text } = capture();
    const reports = await runImport(await options({ file, allowRemovals: true }), out);
    expect(reports).toHaveLength(1);
    const lines = text.progress.trim().split("\n");
    expect(lines[0]).toMatch(/^reading psnc-big\.ldif: [\d.]+ [KM]B of [\d.]+ MB \(\d+%\)$/);
    expect(lines.filter((l) => l.startsWith("reading")).length).toBeGreaterThan(1); // more than the last step
    expect(lines).toContainEqual(expect.stringMatching(/\(100%\)$/));
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^parsed: 1 endpoint\(s\), 3002 queue\(s\), 1 environment\(s\), 2 application\(s\), 1 storage endpoint\(s\), \d+ warning\(s\)$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^sending [\d.]+ MB to http:\/\/127\.0\.0\.1:\d+\/graphql\.\.\.$/),
    );
    expect(lines.at(-1)).toMatch(/^done in [\d.]+ s$/);
    expect(text.result).toMatch(
      /^PSNC: \d+ created, \d+ updated, \d+ unchanged, \d+ removed, \d+ warning\(s\)\n {2}warning: /,
    );
    const { data } = await stack.query(`{ site(id: "PSNC") { computeShares { name vos } } }`);
    expect(data.site.computeShares).toHaveLength(3002);
    expect(data.site.computeShares.find((s: any) => s.name === "bulk2999").vos).toEqual(["vo.lofar.eu"]);

    // The same file again: nothing to do, and the report says so.
    const again = capture();
    const [second] = await runImport(await options({ file }), again.out);
    expect([second.created, second.updated, second.removed]).toEqual([0, 0, 0]);
  });

  it("reports a broken document with its position without contacting the gateway", async () => {
    const file = path.join(dir, "broken.ldif");
    writeFileSync(file, "dn: GLUE2ShareID=x,o=glue\nobjectClass GLUE2ComputingShare\n");
    const { out } = capture();
    const unreachable = "http://127.0.0.1:9/graphql"; // nothing listens there: only a local check can answer
    await expect(runImport(await options({ file, gatewayUrl: unreachable }), out)).rejects.toThrow(
      /^The document cannot be read: .*line 2/,
    );
  });

  it("says why the server refused, and that nothing changed", async () => {
    const file = path.join(FIXTURES, "psnc-bdii.ldif");
    const { out } = capture();
    const asSara = await options({ file, token: await stack.tokenFor("sara") });
    await expect(runImport(asSara, out)).rejects.toThrow(
      new ImportFailed(
        "Import refused (FORBIDDEN), nothing was changed: Only administrators of site PSNC (or platform administrators) may import capabilities of site PSNC.",
      ),
    );
    await expect(runImport(await options({ file, site: null }), out)).rejects.toThrow(
      /--site is required for glue2-ldif/,
    );
    // After the big dump above, the plain one would remove most of PSNC's queues.
    await expect(runImport(await options({ file }), out)).rejects.toThrow(
      /^Import refused \(CONFLICT\), nothing was changed: Importing this document would remove \d+ of PSNC's \d+ records/,
    );
  });

  it("takes the site from a GOCDB answer that names one", async () => {
    const { out, text } = capture();
    const file = path.join(FIXTURES, "psnc-gocdb.xml");
    const [report] = await runImport(await options({ file, format: "gocdb-xml", site: null }), out);
    expect(report.siteId).toBe("PSNC");
    expect(text.progress).toMatch(/^site: PSNC \(named by the document\)$/m);
  });

  it("imports a GLUE 2.0 JSON document of several sites as one, without --site", async () => {
    const doc = JSON.parse(readFileSync(path.join(FIXTURES, "cyfronet-glue2.json"), "utf8"));
    const exported = (await stack.query(`{ exportCapabilities(siteIds: ["PSNC"]) }`)).data.exportCapabilities;
    for (const [type, list] of Object.entries(exported))
      doc[type] = [...(doc[type] ?? []), ...(list as unknown[])];
    const file = path.join(dir, "two-sites.json");
    writeFileSync(file, JSON.stringify(doc));
    const { out, text } = capture();
    const reports = await runImport(
      await options({ file, format: "glue2-json", site: null, allowRemovals: true }),
      out,
    );
    expect(reports.map((r) => r.siteId)).toEqual(["CYFRONET-LCG2", "PSNC"]);
    expect(text.progress).toMatch(/parsed: 2 site\(s\)/);
    expect(text.result).toMatch(/^PSNC: 0 created, 0 updated, \d+ unchanged, 0 removed, 0 warning\(s\)$/m);
  });
});
