import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  ASSERTION_HEADER,
  AssertionSigner,
  AssertionVerifier,
  createLogger,
  generateAssertionKeys,
  startSubgraph,
} from "@gridgraph/kit";
import { datasetsSubgraph } from "../subgraphs/datasets/src/schema";

async function post(url: string, query: string, assertion?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (assertion) headers[ASSERTION_HEADER] = assertion;
  const res = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: any; errors?: any[] };
}

/** The embedded default keeps data in a folder: a restart finds it again, migrations are not re-run. */
describe("embedded PGlite on disk", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "gridgraph-pglite-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps what was written across a restart of the service", async () => {
    const logger = createLogger({}, "silent");
    const keys = await generateAssertionKeys();
    const assertions = new AssertionVerifier({ jwks: keys.publicJwks });
    const erik = await new AssertionSigner(keys.privateJwk).sign(
      {
        sub: "erik@egi.eu",
        entitlements: ["urn:mace:egi.eu:group:vo.eiscat.se:role=member#aai.egi.eu"],
      },
      "datasets",
    );
    const location = { kind: "embedded" as const, dataDir: path.join(dir, "datasets") };
    const first = await startSubgraph(datasetsSubgraph, { port: 0, database: location, logger, assertions });
    const created = await post(
      first.url,
      `mutation { registerDataset(input: { lfn: "/eiscat/2026/restart-test", title: "Restart test", community: EISCAT,
        instrument: "EISCAT_3D Skibotn", level: L1, productType: "lag profiles", format: "HDF5", sizeBytes: 42,
        vo: "vo.eiscat.se" }) { dataset { id } } }`,
      erik,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data.registerDataset.dataset.id;
    await first.stop();

    const second = await startSubgraph(datasetsSubgraph, { port: 0, database: location, logger, assertions });
    try {
      const found = await post(second.url, `{ dataset(id: "${id}") { lfn sizeBytes } }`, erik);
      expect(found.data.dataset).toEqual({ lfn: "/eiscat/2026/restart-test", sizeBytes: 42 });
      const applied = await second.db.orm.em
        .fork()
        .getConnection()
        .execute("select count(*)::int as n from mikro_orm_migrations");
      expect(applied[0].n).toBe(datasetsSubgraph.migrations.length);
    } finally {
      await second.stop();
    }
  });
});
