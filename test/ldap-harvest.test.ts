import { readFileSync } from "node:fs";
import path from "node:path";
import { readGlue2Ldif } from "../subgraphs/sites/src/capabilities/domain/glue2-ldif";
import { harvest } from "../subgraphs/sites/src/capabilities/domain/harvest-source";
import { runImport } from "../scripts/import";
import { freePorts } from "../scripts/ports";
import { startStack, type Stack } from "../scripts/in-process-stack";
import { slapdAvailable, startSlapd } from "./support/slapd";

/**
 * Harvesting a real site BDII over LDAP: OpenLDAP's slapd with the GLUE 2.0 schema serves
 * INFN-BOLOGNA's dump (from CERN's BDII), `npm run import -- --from ldap://...` reads it and
 * the registry then holds what the dump says. Needs Debian's slapd and glue-schema (CI installs
 * them); without them this file is skipped, saying so.
 */
const DUMP = readFileSync(
  path.join(__dirname, "fixtures", "real-world", "glue2-ldif", "infn-bologna-cern-bdii.ldif"),
  "utf8",
);
const describeWithSlapd = slapdAvailable() ? describe : describe.skip;
if (!slapdAvailable())
  console.log(
    "ldap-harvest.test: skipped, it needs slapd and the GLUE 2.0 schema (apt-get install slapd glue-schema)",
  );

describeWithSlapd("harvesting a site BDII over LDAP", () => {
  let stack: Stack;
  let bdii: Awaited<ReturnType<typeof startSlapd>>;
  const out = () => {
    const chunks = { progress: "", result: "" };
    const stream = (key: keyof typeof chunks) =>
      ({ write: (s: string) => ((chunks[key] += s), true), isTTY: false }) as never;
    return { out: { progress: stream("progress"), result: stream("result") }, chunks };
  };
  beforeAll(async () => {
    [stack, bdii] = await Promise.all([startStack({ seed: true }), startSlapd(DUMP)]);
    console.log(`ldap-harvest.test: harvesting a real slapd serving the GLUE 2.0 schema at ${bdii.url}`);
    const created = await stack.query(
      `mutation { createSite(input: { id: "INFN-BOLOGNA", officialName: "INFN Bologna", ngi: "NGI_IT", country: "IT",
        certificationStatus: CERTIFIED, infrastructure: PRODUCTION, kind: HTC }) { site { id } } }`,
      {},
      { as: "pat" },
    );
    expect(created.errors).toBeUndefined();
  });
  afterAll(async () => {
    await bdii?.stop();
    await stack?.stop();
  });

  it("reads the BDII over LDAP, imports it for the site it names, and a second harvest changes nothing", async () => {
    const options = {
      format: "glue2-ldif" as const,
      file: "",
      from: `${bdii.url}/o=glue`,
      site: null,
      gatewayUrl: stack.gatewayUrl,
      token: await stack.tokenFor("pat"),
    };
    const first = out();
    const [report] = await runImport(options, first.out);
    expect(first.chunks.progress).toMatch(/^harvested [\d.]+ KB from ldap:\/\/127\.0\.0\.1:\d+\/o=glue$/m);
    expect(first.chunks.progress).toMatch(/^site: INFN-BOLOGNA \(named by the document\)$/m);
    expect(report.siteId).toBe("INFN-BOLOGNA");

    // The registry now says what the dump says.
    const expected = readGlue2Ldif(DUMP, "INFN-BOLOGNA").records[0];
    const { data } = await stack.query(
      `{ site(id: "INFN-BOLOGNA") { country latitude longitude homeUrl storageEndpoints { url totalCapacity freeCapacity vos } } }`,
    );
    expect(data.site).toMatchObject({
      country: "IT",
      latitude: 44.4948,
      longitude: 11.3417,
      homeUrl: "http://www.bo.infn.it",
    });
    expect(data.site.storageEndpoints).toEqual(
      expected.storageEndpoints.map((e) => ({
        url: e.url,
        totalCapacity: e.totalCapacity,
        freeCapacity: e.freeCapacity,
        vos: e.vos,
      })),
    );

    const [again] = await runImport(options, out().out);
    expect(again).toMatchObject({ created: 0, updated: 0, removed: 0 });
  });

  it("refuses a BDII that holds more entries than a site's dump would (a top-level BDII)", async () => {
    const whole = await harvest(`${bdii.url}/o=glue`);
    const entries = whole.match(/^dn: /gm)!.length;
    await expect(harvest(`${bdii.url}/o=glue`, { maxEntries: entries - 1 })).rejects.toThrow(
      `holds more than ${entries - 1} entries; a site's dump is read, not a top-level BDII's`,
    );
    expect(await harvest(`${bdii.url}/o=glue`, { maxEntries: entries })).toBe(whole);
  });

  it("fails with the reason, changing nothing, when the BDII does not answer", async () => {
    const [closed] = await freePorts(1);
    await expect(
      runImport(
        {
          format: "glue2-ldif",
          file: "",
          from: `ldap://127.0.0.1:${closed}`,
          site: "INFN-BOLOGNA",
          gatewayUrl: stack.gatewayUrl,
          token: await stack.tokenFor("pat"),
        },
        out().out,
      ),
    ).rejects.toThrow(
      new RegExp(
        `^The BDII at 127\\.0\\.0\\.1:${closed} \\(base o=glue\\) did not answer: .*Nothing was imported\\.$`,
      ),
    );
  });
});
