import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createLogger } from "@gridgraph/kit";
import { runDueHarvests } from "../subgraphs/sites/src/capabilities/domain/harvest.service";
import { SiteChange } from "../subgraphs/sites/src/entities";
import { startStack, type Stack } from "../scripts/in-process-stack";

/**
 * Harvest schedules: a site administrator names the sources of their site's record (here a
 * GOCDB PI answer over HTTP), the sites service harvests them on a schedule or on demand, every
 * run is recorded (counts, warnings, or why it failed), and the site's history names the source.
 */
const GOCDB = readFileSync(path.join(__dirname, "fixtures", "psnc-gocdb.xml"), "utf8");

describe("harvest schedules", () => {
  let stack: Stack;
  let gocdb: Server;
  let gocdbUrl: string;
  beforeAll(async () => {
    stack = await startStack({ seed: true });
    gocdb = createServer((req, res) => {
      if (!req.url?.startsWith("/gocdbpi/public/")) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "application/xml" }).end(GOCDB);
    });
    await new Promise<void>((resolve) => gocdb.listen(0, "127.0.0.1", resolve));
    gocdbUrl = `http://127.0.0.1:${(gocdb.address() as AddressInfo).port}/gocdbpi/public/?method=get_site&sitename=PSNC`;
  });
  afterAll(async () => {
    if (gocdb.listening) await new Promise((r) => gocdb.close(r));
    await stack?.stop();
  });

  const SET = `mutation($site: ID!, $input: HarvestSourceInput!) { setHarvestSource(siteId: $site, input: $input) { id url format intervalSeconds } }`;
  const RUN = `mutation($id: ID!) { runHarvest(id: $id) { outcome created updated unchanged removed warnings error durationMs } }`;
  let sourceId: string;

  it("lets a site's administrator add a source, refusing a bad one with every problem", async () => {
    const bad = await stack.query(
      SET,
      { site: "PSNC", input: { url: "ftp://gocdb.example.org/x", format: "GOCDB_XML", intervalSeconds: 10 } },
      { as: "pat" },
    );
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0].message).toMatch(/ldap:\/\/, ldaps:\/\/, http:\/\/ or https:\/\/.*at least 300/);
    const stranger = await stack.query(
      SET,
      { site: "PSNC", input: { url: gocdbUrl, format: "GOCDB_XML", intervalSeconds: 3600 } },
      { as: "alice" },
    );
    expect(stranger.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const added = await stack.query(
      SET,
      { site: "PSNC", input: { url: gocdbUrl, format: "GOCDB_XML", intervalSeconds: 3600 } },
      { as: "pat" },
    );
    expect(added.errors).toBeUndefined();
    sourceId = added.data.setHarvestSource.id;
  });

  it("harvests on demand, records the run, and the history names the source", async () => {
    const run = await stack.query(RUN, { id: sourceId }, { as: "pat" });
    expect(run.errors).toBeUndefined();
    expect(run.data.runHarvest).toMatchObject({ outcome: "SUCCEEDED", error: null });
    expect(run.data.runHarvest.created + run.data.runHarvest.updated).toBeGreaterThan(0);
    const changes = await stack
      .em("sites")
      .find(SiteChange, { siteId: "PSNC", actor: `harvest:${gocdbUrl}` });
    expect(changes.length).toBeGreaterThan(0);
    // Run again: the same answer changes nothing.
    const again = await stack.query(RUN, { id: sourceId }, { as: "pat" });
    expect(again.data.runHarvest).toMatchObject({ outcome: "SUCCEEDED", created: 0, updated: 0, removed: 0 });
  });

  it("records a failed run with the reason when the source is down, and changes nothing", async () => {
    const before = await stack.em("sites").count(SiteChange, { siteId: "PSNC" });
    await new Promise((r) => gocdb.close(r));
    const run = await stack.query(RUN, { id: sourceId }, { as: "pat" });
    expect(run.data.runHarvest).toMatchObject({ outcome: "FAILED" });
    expect(run.data.runHarvest.error).toMatch(/^http:\/\/127\.0\.0\.1:\d+ did not answer/);
    expect(await stack.em("sites").count(SiteChange, { siteId: "PSNC" })).toBe(before);
  });

  it("shows the sources and their last run to the site's administrators only", async () => {
    const QUERY = `{ site(id: "PSNC") { harvestSources { url lastRun { outcome } runs(first: 5) { outcome } } } }`;
    const admin = await stack.query(QUERY, {}, { as: "pat" });
    expect(admin.data.site.harvestSources).toEqual([
      {
        url: gocdbUrl,
        lastRun: { outcome: "FAILED" },
        runs: [{ outcome: "FAILED" }, { outcome: "SUCCEEDED" }, { outcome: "SUCCEEDED" }],
      },
    ]);
    expect((await stack.query(QUERY)).data.site.harvestSources).toEqual([]);
  });

  it("runs what is due on the schedule, once, whichever replica ticks", async () => {
    const later = new Date(Date.now() + 2 * 3600 * 1000);
    const logger = createLogger({}, "silent");
    const sites = stack.subgraphs.sites.db.orm.em;
    // Two replicas ticking at the same moment: the source runs once.
    const [a, b] = await Promise.all([
      runDueHarvests(sites.fork() as never, logger, undefined, later),
      runDueHarvests(sites.fork() as never, logger, undefined, later),
    ]);
    expect(a.length + b.length).toBe(1);
    expect(await runDueHarvests(sites.fork() as never, logger, undefined, later)).toEqual([]);
  });
});
