import { createPrivateKey, createPublicKey } from "node:crypto";
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { createLogger, AssertionSigner, generateAssertionKeys } from "@gridgraph/kit";
import { startLocalIdp, type LocalIdp } from "../gateway/src/local-idp";
import { seedSites } from "../seeds/load";
import { startStack, type Stack } from "../scripts/in-process-stack";

/**
 * Identity and access through the real local OIDC provider and the real gateway: bad tokens
 * are refused, VO-scoped objects stay inside their VO by every route (lists, totals, lookups,
 * federation references, direct subgraph calls), site records are edited only by their admins.
 */
let stack: Stack;
let otherIdp: LocalIdp;

async function raw(token: string | undefined, query: string, variables: Record<string, unknown> = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const res = await fetch(stack.gatewayUrl, {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}

async function forge(
  claims: Record<string, unknown>,
  options: { jwk?: JWK; kid?: string; alg?: string } = {},
) {
  const jwk = options.jwk ?? stack.idp.signingJwk;
  const key = await importJWK(jwk, "RS256");
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ eduperson_entitlement: ["urn:mace:egi.eu:group:vo.eiscat.se:role=member"], ...claims })
    .setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: options.kid ?? jwk.kid })
    .setIssuer((claims.iss as string) ?? stack.idp.issuer)
    .setAudience((claims.aud as string) ?? "gridgraph")
    .setSubject("demo-erik-eiscat@egi.eu")
    .setIssuedAt((claims.iat as number) ?? now)
    .setExpirationTime((claims.exp as number) ?? now + 600)
    .sign(key);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

beforeAll(async () => {
  stack = await startStack();
  await seedSites(stack.em("sites"));
  otherIdp = await startLocalIdp({ port: 0, logger: createLogger({}, "silent") });
});
afterAll(async () => {
  await otherIdp?.stop();
  await stack?.stop();
});

describe("access tokens at the gateway", () => {
  const VIEWER = "{ viewer { sub vos managedVos adminOfSites platformAdmin } }";

  it("accepts a JWT access token from the issuer and derives the viewer from its entitlements", async () => {
    const { status, body } = await raw(await stack.tokenFor("lars"), VIEWER);
    expect(status).toBe(200);
    expect(body.data.viewer).toEqual({
      sub: "demo-lars-lofar-manager@egi.eu",
      vos: ["vo.lofar.eu"],
      managedVos: ["vo.lofar.eu"],
      adminOfSites: [],
      platformAdmin: false,
    });
    expect((await raw(await stack.tokenFor("sara"), VIEWER)).body.data.viewer.adminOfSites).toEqual([
      "SARA-MATRIX",
    ]);
    expect((await raw(await stack.tokenFor("pat"), VIEWER)).body.data.viewer.platformAdmin).toBe(true);
  });

  it("accepts an opaque token through the issuer's introspection endpoint", async () => {
    const opaque = await stack.idp.tokenFor("erik", { resource: "urn:gridgraph:opaque" });
    expect(opaque.split(".")).toHaveLength(1);
    const { body } = await raw(opaque, VIEWER);
    expect(body.errors).toBeUndefined();
    expect(body.data.viewer).toMatchObject({ sub: "demo-erik-eiscat@egi.eu", vos: ["vo.eiscat.se"] });
    expect((await raw("not-a-token-the-issuer-knows", VIEWER)).body.errors?.[0].message).toMatch(
      /not active/,
    );
  });

  it("treats a request without a token as anonymous", async () => {
    const { status, body } = await raw(undefined, VIEWER);
    expect(status).toBe(200);
    expect(body.data.viewer).toBeNull();
  });

  const badTokens: [string, () => Promise<string>, RegExp][] = [
    [
      "an expired token",
      () => forge({ exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }),
      /expired/,
    ],
    ["a token from another issuer", () => otherIdp.tokenFor("erik"), /issuer|not publish/],
    ["a token for another audience", () => forge({ aud: "some-other-service" }), /'aud'/],
    [
      "an unsigned token (alg: none)",
      async () =>
        `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: "demo-erik-eiscat@egi.eu", iss: stack.idp.issuer, aud: "gridgraph", exp: 9999999999 })}.`,
      /'none'.*not accepted/,
    ],
    [
      "an HS256 token signed with the issuer's public key",
      async () => {
        const publicPem = createPublicKey(
          createPrivateKey({ key: stack.idp.signingJwk as never, format: "jwk" }),
        )
          .export({ type: "spki", format: "pem" })
          .toString();
        return new SignJWT({ eduperson_entitlement: [] })
          .setProtectedHeader({ alg: "HS256", kid: stack.idp.signingJwk.kid })
          .setIssuer(stack.idp.issuer)
          .setAudience("gridgraph")
          .setSubject("demo-erik-eiscat@egi.eu")
          .setExpirationTime("10m")
          .sign(new TextEncoder().encode(publicPem));
      },
      /'HS256'.*not accepted/,
    ],
    [
      "a token whose payload was changed after signing",
      async () => {
        const [header, payload, signature] = (await stack.tokenFor("alice")).split(".");
        const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
        claims.eduperson_entitlement = ["urn:mace:egi.eu:group:gridgraph.egi.eu:admins:role=member"];
        return `${header}.${b64(claims)}.${signature}`;
      },
      /signature does not verify/,
    ],
    [
      "a token signed with a key the issuer does not publish",
      async () => {
        const { privateKey } = await generateKeyPair("RS256", { extractable: true });
        return forge({}, { jwk: { ...(await exportJWK(privateKey)), kid: "unknown-kid" } });
      },
      /key the issuer does not publish/,
    ],
    ["a token with a malformed header", async () => "bm90LWpzb24.eyJzdWIiOiJ4In0.c2ln", /malformed/],
  ];

  it.each(badTokens)(
    "rejects %s with UNAUTHENTICATED and a reason, never as anonymous",
    async (_what, make, reason) => {
      const { status, body } = await raw(await make(), VIEWER);
      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(body.errors?.[0].message).toMatch(reason);
    },
  );

  it("rejects an Authorization header that is not a bearer token", async () => {
    const res = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Basic ZXJpazpkZW1v" },
      body: JSON.stringify({ query: VIEWER }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).errors[0].message).toMatch(/Bearer/);
  });
});

describe("VO-scoped data stays in its VO", () => {
  const ids: Record<string, string> = {};
  const as = (user: string | null, query: string, variables?: Record<string, unknown>) =>
    stack.query(query, variables, user ? { as: user } : {});

  beforeAll(async () => {
    // erik (vo.eiscat.se) registers a VO-only dataset, a public one, a replica, a job reading
    // both and a LIVE research object aggregating them.
    const reg = (title: string, access: string) =>
      as("erik", `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { dataset { id } } }`, {
        i: {
          lfn: `/eiscat/private/${title.replace(/ /g, "-")}-${Date.now()}`,
          title,
          community: "EISCAT",
          instrument: "EISCAT_3D Skibotn",
          level: "L1",
          productType: "lag profiles",
          format: "HDF5",
          sizeBytes: 10,
          vo: "vo.eiscat.se",
          access,
        },
      });
    const hidden = await reg("E3D secret run", "VO");
    expect(hidden.errors).toBeUndefined();
    ids.hidden = hidden.data.registerDataset.dataset.id;
    ids.open = (await reg("E3D open run", "PUBLIC")).data.registerDataset.dataset.id;
    const replica = await as(
      "erik",
      `mutation { addReplica(input: { datasetId: "${ids.hidden}", siteId: "NDGF-T1",
      storageUrl: "davs://dav.ndgf.org:443", path: "/eiscat/secret" }) { replica { id } } }`,
    );
    expect(replica.errors).toBeUndefined();
    const job = await as(
      "erik",
      `mutation { submitJob(input: { name: "GUISDAP secret", vo: "vo.eiscat.se",
      executable: "guisdap", inputs: ["${ids.hidden}", "${ids.open}"], holdIfNoPlacement: true }) { job { id } } }`,
    );
    ids.job = job.data.submitJob.job.id;
    const ro = await as(
      "erik",
      `mutation { createResearchObject(input: { title: "Storm draft", vo: "vo.eiscat.se",
      creators: [{ name: "Erik Lindqvist" }] }) { researchObject { id } } }`,
    );
    ids.ro = ro.data.createResearchObject.researchObject.id;
    for (const m of [
      `addDatasetToResearchObject(researchObjectId: "${ids.ro}", datasetId: "${ids.hidden}") { researchObject { id } }`,
      `addDatasetToResearchObject(researchObjectId: "${ids.ro}", datasetId: "${ids.open}") { researchObject { id } }`,
      `addJobToResearchObject(researchObjectId: "${ids.ro}", jobId: "${ids.job}") { researchObject { id } }`,
    ]) {
      expect((await as("erik", `mutation { ${m} }`)).errors).toBeUndefined();
    }
  });

  it("shows erik (the VO member and owner) everything he made", async () => {
    const { data } = await as(
      "erik",
      `{
      dataset(id: "${ids.hidden}") { id replicas { site { id } } consumedBy { totalCount } researchObjects { totalCount } }
      job(id: "${ids.job}") { id inputs { id } }
      researchObject(id: "${ids.ro}") { id datasets { id } }
    }`,
    );
    expect(data.dataset).toMatchObject({
      id: ids.hidden,
      consumedBy: { totalCount: 1 },
      researchObjects: { totalCount: 1 },
    });
    expect(data.job.inputs).toEqual([{ id: ids.hidden }, { id: ids.open }]);
    expect(data.researchObject.datasets).toEqual([{ id: ids.hidden }, { id: ids.open }]);
  });

  it.each([
    ["alice (another VO)", "alice"],
    ["an anonymous caller", null],
  ])(
    "hides erik's VO-only dataset, job and LIVE research object from %s in lookups, lists and totals",
    async (_who, user) => {
      const erikView = await as(
        "erik",
        `{ datasets(filter: { vo: "vo.eiscat.se" }) { totalCount } jobs { totalCount } researchObjects { totalCount } }`,
      );
      const { data, errors } = await as(
        user,
        `{
        dataset(id: "${ids.hidden}") { id }
        job(id: "${ids.job}") { id }
        researchObject(id: "${ids.ro}") { id }
        datasets(filter: { vo: "vo.eiscat.se" }, first: 250) { totalCount edges { node { id } } }
        jobs(first: 250) { totalCount edges { node { id } } }
        researchObjects(first: 250) { totalCount edges { node { id } } }
      }`,
      );
      expect(errors).toBeUndefined();
      expect(data.dataset).toBeNull();
      expect(data.job).toBeNull();
      expect(data.researchObject).toBeNull();
      expect(data.datasets.edges.map((e: any) => e.node.id)).not.toContain(ids.hidden);
      expect(data.datasets.totalCount).toBe(erikView.data.datasets.totalCount - 1);
      expect(data.jobs.edges.map((e: any) => e.node.id)).not.toContain(ids.job);
      expect(data.jobs.totalCount).toBe(0);
      expect(data.researchObjects.edges.map((e: any) => e.node.id)).not.toContain(ids.ro);
      expect(erikView.data.researchObjects.totalCount).toBeGreaterThan(data.researchObjects.totalCount);
    },
  );

  it("does not reveal them through federation references either", async () => {
    const { data, errors } = await as(
      "alice",
      `{
      site(id: "NDGF-T1") { replicas(first: 250) { totalCount edges { node { path dataset { id } } } } jobs { totalCount } }
      dataset(id: "${ids.open}") { id consumedBy { totalCount } researchObjects { totalCount } }
    }`,
    );
    expect(errors).toBeUndefined();
    expect(data.site.replicas.edges.map((e: any) => e.node.dataset.id)).not.toContain(ids.hidden);
    expect(data.dataset.id).toBe(ids.open); // public: visible
    expect(data.dataset.consumedBy.totalCount).toBe(0); // but erik's job reading it is not
    expect(data.dataset.researchObjects.totalCount).toBe(0); // nor his LIVE research object

    // alice points her own job and research object at erik's hidden dataset: she learns nothing.
    // Her job is refused exactly as for an id that does not exist (and records nothing).
    const probe = (id: string) =>
      as(
        "alice",
        `mutation { submitJob(input: { name: "probe", vo: "vo.lofar.eu", executable: "x",
        inputs: ["${id}"] }) { job { inputs { id title } } } }`,
      );
    const job = await probe(ids.hidden);
    const missing = await probe("no-such-dataset");
    expect(job.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(job.errors?.[0].message).toBe(missing.errors?.[0].message.replace("no-such-dataset", ids.hidden));
    const ro = await as(
      "alice",
      `mutation { createResearchObject(input: { title: "probe", vo: "vo.lofar.eu",
      creators: [{ name: "Alice" }] }) { researchObject { id } } }`,
    );
    const roId = ro.data.createResearchObject.researchObject.id;
    // Her research object refuses it as it refuses an id that does not exist (and keeps nothing).
    const add = (id: string) =>
      as(
        "alice",
        `mutation { addDatasetToResearchObject(researchObjectId: "${roId}", datasetId: "${id}")
        { researchObject { datasets { id title } } } }`,
      );
    const added = await add(ids.hidden);
    const unknown = await add("no-such-dataset");
    expect(added.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect(added.errors?.[0].message).toBe(
      unknown.errors?.[0].message.replace("no-such-dataset", ids.hidden),
    );
  });

  it("does not believe identity headers sent straight to a subgraph, and refuses forged assertions", async () => {
    const erikToken = await stack.tokenFor("erik");
    const direct = async (
      service: keyof Stack["subgraphs"],
      query: string,
      headers: Record<string, string>,
      variables = {},
    ) => {
      const res = await fetch(stack.subgraphs[service].url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const trustMe = {
      authorization: `Bearer ${erikToken}`, // a real token, but subgraphs do not read it
      "x-user-sub": "demo-erik-eiscat@egi.eu",
      "x-remote-user": "demo-erik-eiscat@egi.eu",
      "x-forwarded-user": "demo-erik-eiscat@egi.eu",
    };
    const entities = (typename: string) =>
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { id } } }`;
    for (const [service, typename, id] of [
      ["datasets", "Dataset", ids.hidden],
      ["jobs", "Job", ids.job],
      ["research-objects", "ResearchObject", ids.ro],
    ] as const) {
      const res = await direct(service, entities(typename), trustMe, { r: [{ __typename: typename, id }] });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data._entities).toEqual([null]);
    }
    expect(
      (await direct("datasets", `{ dataset(id: "${ids.hidden}") { id } }`, trustMe)).body.data.dataset,
    ).toBeNull();

    // An assertion signed with a key that is not the gateway's: refused outright.
    const forger = await generateAssertionKeys();
    const erik = {
      sub: "demo-erik-eiscat@egi.eu",
      entitlements: ["urn:mace:egi.eu:group:vo.eiscat.se:role=member"],
    };
    for (const service of ["datasets", "jobs", "research-objects", "sites"] as const) {
      const forged = await new AssertionSigner(forger.privateJwk).sign(erik, service);
      const res = await direct(service, `{ __typename }`, { "x-gridgraph-assertion": forged });
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    }
    // A genuine assertion made for one service is refused by every other (no replay).
    const forJobs = await new AssertionSigner(stack.assertionKeys.privateJwk).sign(erik, "jobs");
    for (const service of ["datasets", "research-objects", "sites"] as const) {
      const replayed = await direct(service, `{ __typename }`, { "x-gridgraph-assertion": forJobs });
      expect([service, replayed.status]).toEqual([service, 401]);
    }
    // The gateway's own key does work, which shows the refusal above is about the signature.
    const genuine = await new AssertionSigner(stack.assertionKeys.privateJwk).sign(erik, "datasets");
    const ok = await direct("datasets", `{ dataset(id: "${ids.hidden}") { id } }`, {
      "x-gridgraph-assertion": genuine,
    });
    expect(ok.body.data.dataset).toEqual({ id: ids.hidden });
  });

  it("hides an embargoed public dataset from non-members until the embargo passes", async () => {
    const register = (title: string, embargoUntil: string) =>
      as("erik", `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { dataset { id } } }`, {
        i: {
          lfn: `/eiscat/embargo/${title}-${Date.now()}`,
          title,
          community: "EISCAT",
          instrument: "EISCAT UHF Tromso",
          level: "L2",
          productType: "plasma parameters",
          format: "HDF5",
          sizeBytes: 1,
          vo: "vo.eiscat.se",
          access: "PUBLIC",
          embargoUntil,
        },
      });
    const future = (await register("embargoed", "2099-01-01T00:00:00Z")).data.registerDataset.dataset.id;
    const past = (await register("released", "2020-01-01T00:00:00Z")).data.registerDataset.dataset.id;
    const q = `{ a: dataset(id: "${future}") { id } b: dataset(id: "${past}") { id } }`;
    expect((await as("alice", q)).data).toEqual({ a: null, b: { id: past } });
    expect((await as(null, q)).data).toEqual({ a: null, b: { id: past } });
    expect((await as("erik", q)).data).toEqual({ a: { id: future }, b: { id: past } }); // a member sees it
  });

  it("shows a VO's jobs to its managers, not to its other members", async () => {
    const job = await as(
      "alice",
      `mutation { submitJob(input: { name: "LINC", vo: "vo.lofar.eu", executable: "linc" }) { job { id } } }`,
    );
    const id = job.data.submitJob.job.id;
    const q = `{ job(id: "${id}") { id owner } }`;
    expect((await as("lars", q)).data.job).toEqual({ id, owner: "demo-alice-lofar@egi.eu" }); // manager of vo.lofar.eu
    expect((await as("sara", q)).data.job).toBeNull(); // member of vo.lofar.eu, not a manager
    expect((await as("pat", q)).data.job).toEqual({ id, owner: "demo-alice-lofar@egi.eu" }); // platform admin
  });

  it("lets co-editors change a LIVE research object, and nobody else", async () => {
    const created = await as(
      "erik",
      `mutation { createResearchObject(input: { title: "Joint paper", vo: "vo.eiscat.se",
      creators: [{ name: "Erik" }], coEditors: ["demo-alice-lofar@egi.eu"] }) { researchObject { id } } }`,
    );
    const id = created.data.createResearchObject.researchObject.id;
    const add = (user: string) =>
      as(
        user,
        `mutation { addExternalResource(researchObjectId: "${id}", input: { url: "https://arxiv.org/abs/2401.00001", resourceType: PAPER }) { researchObject { externalResources { url } } } }`,
      );
    expect((await add("alice")).errors).toBeUndefined(); // co-editor, though not in vo.eiscat.se
    const sara = await add("sara");
    expect(sara.errors?.[0]?.extensions?.code).toBe("NOT_FOUND"); // LIVE and not hers: hidden
  });

  it("lets only members of a VO act as that VO", async () => {
    const res = await as(
      "alice",
      `mutation { submitJob(input: { name: "x", vo: "vo.eiscat.se", executable: "x" }) { job { id } } }`,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(res.errors?.[0]?.message).toMatch(/not a member of vo.eiscat.se/);
    const edit = await as(
      "alice",
      `mutation { addExternalResource(researchObjectId: "${ids.ro}", input: { url: "https://example.org" }) { researchObject { id } } }`,
    );
    expect(edit.errors?.[0]?.extensions?.code).toBe("NOT_FOUND"); // hidden from alice, so not even FORBIDDEN
  });
});

describe("site administration", () => {
  const UPDATE = `mutation($i: UpdateSiteInput!) { updateSite(input: $i) { site { id officialName version } } }`;
  const version = async (id: string) =>
    (await stack.query(`{ site(id: "${id}") { version } }`)).data.site.version as number;

  it("lets the administrator of SARA-MATRIX edit it, and refuses her NIKHEF-ELPROD", async () => {
    const v = await version("SARA-MATRIX");
    const ok = await stack.query(
      UPDATE,
      { i: { id: "SARA-MATRIX", expectedVersion: v, officialName: "SURF Matrix" } },
      { as: "sara" },
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data.updateSite.site).toEqual({
      id: "SARA-MATRIX",
      officialName: "SURF Matrix",
      version: v + 1,
    });

    const other = await stack.query(
      UPDATE,
      { i: { id: "NIKHEF-ELPROD", expectedVersion: await version("NIKHEF-ELPROD"), officialName: "x" } },
      { as: "sara" },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(other.errors?.[0]?.message).toMatch(/administrators of site NIKHEF-ELPROD/);
    const downtime = await stack.query(
      `mutation { declareDowntime(input: { siteId: "NIKHEF-ELPROD", severity: OUTAGE, classification: SCHEDULED,
        startsAt: "2030-01-01T00:00:00Z", endsAt: "2030-01-02T00:00:00Z", description: "x" }) { downtime { id } } }`,
      {},
      { as: "sara" },
    );
    expect(downtime.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("lets a platform administrator edit any site, and refuses a member of no admin group", async () => {
    const v = await version("NIKHEF-ELPROD");
    const ok = await stack.query(
      UPDATE,
      { i: { id: "NIKHEF-ELPROD", expectedVersion: v, homeUrl: "https://www.nikhef.nl" } },
      { as: "pat" },
    );
    expect(ok.errors).toBeUndefined();
    const refused = await stack.query(
      UPDATE,
      { i: { id: "NIKHEF-ELPROD", expectedVersion: v + 1, officialName: "x" } },
      { as: "alice" },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("answers CONFLICT to an edit based on an old version, and keeps the newer one", async () => {
    const v = await version("SARA-MATRIX");
    const first = stack.query(
      UPDATE,
      { i: { id: "SARA-MATRIX", expectedVersion: v, officialName: "first" } },
      { as: "sara" },
    );
    const second = stack.query(
      UPDATE,
      { i: { id: "SARA-MATRIX", expectedVersion: v, officialName: "second" } },
      { as: "sara" },
    );
    const results = await Promise.all([first, second]);
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? "OK").sort();
    expect(codes).toEqual(["CONFLICT", "OK"]);
    const winner = results.find((r) => !r.errors)!.data.updateSite.site.officialName;
    expect((await stack.query(`{ site(id: "SARA-MATRIX") { officialName version } }`)).data.site).toEqual({
      officialName: winner,
      version: v + 1,
    });
  });

  it("answers UNAUTHENTICATED to every mutation that needs identity when no token is sent", async () => {
    const mutations = [
      `updateSite(input: { id: "SARA-MATRIX", expectedVersion: 1, officialName: "x" }) { site { id } }`,
      `declareDowntime(input: { siteId: "SARA-MATRIX", severity: OUTAGE, classification: SCHEDULED, startsAt: "2030-01-01T00:00:00Z", endsAt: "2030-01-02T00:00:00Z", description: "x" }) { downtime { id } }`,
      `registerDataset(input: { lfn: "/x", title: "x", community: LOFAR, instrument: "x", level: L0, productType: "x", format: "x", sizeBytes: 1, vo: "vo.lofar.eu" }) { dataset { id } }`,
      `addReplica(input: { datasetId: "x", siteId: "PSNC", storageUrl: "https://x.org", path: "/x" }) { replica { id } }`,
      `submitJob(input: { name: "x", vo: "vo.lofar.eu", executable: "x" }) { job { id } }`,
      `createResearchObject(input: { title: "x", vo: "vo.lofar.eu", creators: [{ name: "x" }] }) { researchObject { id } }`,
      `addDatasetToResearchObject(researchObjectId: "x", datasetId: "y") { researchObject { id } }`,
      `addJobToResearchObject(researchObjectId: "x", jobId: "y") { researchObject { id } }`,
      `addExternalResource(researchObjectId: "x", input: { url: "https://example.org" }) { researchObject { id } }`,
    ];
    for (const m of mutations) {
      const res = await stack.query(`mutation { ${m} }`);
      expect({ m, code: res.errors?.[0]?.extensions?.code }).toEqual({ m, code: "UNAUTHENTICATED" });
      expect(res.errors?.[0]?.message).toMatch(/logged in/);
    }
  });
});
