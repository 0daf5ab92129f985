import { ComputeShare, SiteChange } from "../subgraphs/sites/src/entities";
import { seedSites } from "../seeds/load";
import { startStack, type Stack } from "../scripts/in-process-stack";

/** A site administrator corrects a queue limit through the graph; every change is kept. */
describe("queue corrections and site history", () => {
  let stack: Stack;
  let share: { id: string; version: number; maxWallTime: number };
  beforeAll(async () => {
    stack = await startStack();
    await seedSites(stack.em("sites"));
    const { data } = await stack.query(
      `{ site(id: "SARA-MATRIX") { computeShares { id name version maxWallTime } } }`,
    );
    share = data.site.computeShares.find((s: any) => s.name === "long");
  });
  afterAll(() => stack?.stop());

  const UPDATE = `mutation($i: UpdateComputeShareInput!) { updateComputeShare(input: $i) { computeShare { id maxWallTime version } } }`;
  const HISTORY = `{ site(id: "SARA-MATRIX") { history(first: 50) { totalCount edges { node { actor entityType entityId action changes } } } } }`;

  it("lets the site's administrator correct a queue limit, keeps who/when/before/after, and placement sees it", async () => {
    const place = `{ placement(requirements: { vo: "vo.lofar.eu", cores: 8, wallTimeSeconds: 345600, tags: ["mcore"] }, first: 50) {
      candidates { site { id } share { name } } } }`;
    const before = (await stack.query(place)).data.placement.candidates.find(
      (c: any) => c.site.id === "SARA-MATRIX",
    );
    expect(before.share.name).toBe("long"); // 96 h queue takes a 96 h job

    const res = await stack.query(
      UPDATE,
      { i: { id: share.id, expectedVersion: share.version, maxWallTime: 72 * 3600 } },
      { as: "sara" },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.updateComputeShare.computeShare).toEqual({
      id: share.id,
      maxWallTime: 72 * 3600,
      version: share.version + 1,
    });

    // Read by the site's administrator: who made a change is shown to administrators only.
    const { data } = await stack.query(HISTORY, {}, { as: "sara" });
    expect(data.site.history.totalCount).toBe(1);
    expect(data.site.history.edges[0].node).toEqual({
      actor: "demo-sara-siteadmin@egi.eu",
      entityType: "ComputeShare",
      entityId: share.id,
      action: "UPDATE",
      changes: { maxWallTime: { before: share.maxWallTime, after: 72 * 3600 } },
    });
    const after = (await stack.query(place)).data.placement.candidates.find(
      (c: any) => c.site.id === "SARA-MATRIX",
    );
    expect(after).toBeUndefined(); // the 96 h multicore job no longer fits the corrected queue
  });

  it("of two concurrent corrections from the same version, one gets CONFLICT and history shows one change", async () => {
    const current = await stack.em("sites").findOneOrFail(ComputeShare, { id: share.id });
    const historyBefore = await stack.em("sites").count(SiteChange, { entityId: share.id });
    const results = await Promise.all(
      [48, 24].map((h) =>
        stack.query(
          UPDATE,
          { i: { id: share.id, expectedVersion: current.version, maxWallTime: h * 3600 } },
          { as: "sara" },
        ),
      ),
    );
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? "OK").sort();
    expect(codes).toEqual(["CONFLICT", "OK"]);
    expect(await stack.em("sites").count(SiteChange, { entityId: share.id })).toBe(historyBefore + 1);
    const winner = results.find((r) => !r.errors)!.data.updateComputeShare.computeShare.maxWallTime;
    expect((await stack.em("sites").findOneOrFail(ComputeShare, { id: share.id })).maxWallTime).toBe(winner);
  });

  it("refuses other sites' administrators, anonymous callers and impossible limits", async () => {
    const fresh = await stack.em("sites").findOneOrFail(ComputeShare, { id: share.id });
    const i = { id: share.id, expectedVersion: fresh.version, maxWallTime: 3600 };
    expect((await stack.query(UPDATE, { i }, { as: "alice" })).errors?.[0]?.extensions?.code).toBe(
      "FORBIDDEN",
    );
    expect((await stack.query(UPDATE, { i })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const negative = await stack.query(UPDATE, { i: { ...i, maxMainMemory: -4 } }, { as: "sara" });
    expect(negative.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(negative.errors?.[0]?.message).toMatch(
      /'maxMainMemory' must be a whole number of MB, at least 1 \(or null for no limit\); got -4/,
    );
    const stale = await stack.query(UPDATE, { i: { ...i, expectedVersion: 1 } }, { as: "pat" });
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(stale.errors?.[0]?.message).toMatch(/changed since version 1/);
  });
});
