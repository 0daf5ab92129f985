import { ASSERTION_HEADER, AssertionSigner } from "@gridgraph/kit";
import { seedSites } from "../seeds/load";
import { startStack, type ServiceName, type Stack } from "../scripts/in-process-stack";
import { DEMO_USERS } from "../gateway/src/local-idp";
import { AccessLevel, Dataset, Replica } from "../subgraphs/datasets/src/entities";
import { Job } from "../subgraphs/jobs/src/entities";
import {
  ItemKind,
  ResearchObject,
  ResearchObjectItem,
  ResearchObjectState,
} from "../subgraphs/research-objects/src/entities";

/**
 * One visibility rule per entity, the same on every path: for each kind of caller, the set of
 * rows they see is the same in a lookup by id, a list and its total, an `_entities` fetch (as
 * the gateway makes one for a reference) and every connection another entity contributes
 * (`Site.replicas`, `Site.jobs`, `Dataset.consumedBy`, `Dataset.researchObjects`,
 * `Job.researchObjects`), which are batched child pages.
 */
type Caller = "anonymous" | "alice" | "lars" | "erik" | "pat";
const CALLERS: Caller[] = ["anonymous", "alice", "lars", "erik", "pat"];
const sub = (user: string) => DEMO_USERS.find((u) => u.username === user)!.sub;
const SITE = "SARA-MATRIX";
const LOFAR = "vo.lofar.eu";
const EISCAT = "vo.eiscat.se";
const future = new Date(Date.now() + 365 * 24 * 3600_000);

// alice: LOFAR member; lars: LOFAR manager; erik: EISCAT member; pat: platform administrator.
const DATASETS = {
  "vis-public": { access: AccessLevel.PUBLIC, vo: EISCAT, owner: sub("erik") },
  "vis-embargoed": { access: AccessLevel.PUBLIC, vo: LOFAR, owner: sub("lars"), embargoUntil: future },
  "vis-vo": { access: AccessLevel.VO, vo: LOFAR, owner: sub("lars") },
  "vis-private-alice": { access: AccessLevel.PRIVATE, vo: LOFAR, owner: sub("alice") },
  "vis-private-erik": { access: AccessLevel.PRIVATE, vo: EISCAT, owner: sub("erik") },
};
const SEES_DATASETS: Record<Caller, string[]> = {
  anonymous: ["vis-public"],
  alice: ["vis-embargoed", "vis-private-alice", "vis-public", "vis-vo"],
  lars: ["vis-embargoed", "vis-public", "vis-vo"],
  erik: ["vis-private-erik", "vis-public"],
  pat: Object.keys(DATASETS).sort(),
};

const JOBS = {
  "vis-job-alice": { owner: sub("alice"), vo: LOFAR },
  "vis-job-erik": { owner: sub("erik"), vo: EISCAT },
};
const SEES_JOBS: Record<Caller, string[]> = {
  anonymous: [],
  alice: ["vis-job-alice"],
  lars: ["vis-job-alice"], // manager of vo.lofar.eu
  erik: ["vis-job-erik"],
  pat: ["vis-job-alice", "vis-job-erik"],
};

const RESEARCH_OBJECTS = {
  "vis-ro-snapshot": { state: ResearchObjectState.SNAPSHOT, owner: sub("erik"), vo: EISCAT, coEditors: [] },
  "vis-ro-live-lofar": { state: ResearchObjectState.LIVE, owner: sub("alice"), vo: LOFAR, coEditors: [] },
  "vis-ro-live-eiscat": {
    state: ResearchObjectState.LIVE,
    owner: sub("erik"),
    vo: EISCAT,
    coEditors: [sub("lars")],
  },
};
const SEES_RESEARCH_OBJECTS: Record<Caller, string[]> = {
  anonymous: ["vis-ro-snapshot"],
  alice: ["vis-ro-live-lofar", "vis-ro-snapshot"],
  lars: ["vis-ro-live-eiscat", "vis-ro-live-lofar", "vis-ro-snapshot"], // VO member, co-editor
  erik: ["vis-ro-live-eiscat", "vis-ro-snapshot"],
  pat: Object.keys(RESEARCH_OBJECTS).sort(),
};

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await seedSites(stack.em("sites"));
  const datasets = stack.em("datasets");
  for (const [id, fields] of Object.entries(DATASETS)) {
    const dataset = datasets.create(Dataset, {
      id,
      lfn: `/test/visibility/${id}`,
      title: id,
      community: "EISCAT" as never,
      instrument: "EISCAT_3D Skibotn",
      level: "L1" as never,
      productType: "lag profiles",
      format: "HDF5",
      ...fields,
    });
    datasets.create(Replica, {
      dataset,
      siteId: SITE,
      storageUrl: "davs://dcache.example.org",
      path: `/${id}`,
    });
  }
  await datasets.flush();
  const jobs = stack.em("jobs");
  for (const [id, fields] of Object.entries(JOBS)) {
    // Every job ran at SITE and read every dataset.
    jobs.create(Job, {
      id,
      name: id,
      executable: "x",
      siteId: SITE,
      inputDatasetIds: Object.keys(DATASETS),
      ...fields,
    });
  }
  await jobs.flush();
  const ros = stack.em("research-objects");
  for (const [id, fields] of Object.entries(RESEARCH_OBJECTS)) {
    const ro = ros.create(ResearchObject, { id, title: id, ...fields });
    // Every research object aggregates every dataset and every job.
    for (const target of Object.keys(DATASETS))
      ros.create(ResearchObjectItem, {
        researchObject: ro,
        kind: ItemKind.DATASET,
        targetId: target,
        addedAt: new Date(),
      });
    for (const target of Object.keys(JOBS))
      ros.create(ResearchObjectItem, {
        researchObject: ro,
        kind: ItemKind.JOB,
        targetId: target,
        addedAt: new Date(),
      });
  }
  await ros.flush();
});
afterAll(() => stack?.stop());

const as = async (caller: Caller, query: string) => {
  const res = await stack.query(query, {}, caller === "anonymous" ? {} : { as: caller });
  expect(res.errors).toBeUndefined();
  return res.data;
};

/** An `_entities` fetch straight to a subgraph, with the assertion the gateway would sign. */
async function entities(
  caller: Caller,
  service: ServiceName,
  typename: string,
  ids: string[],
  selection: string,
) {
  // The owner resolves by `id`; the others know datasets and jobs only by the hidden `ref`.
  const owners: Record<string, ServiceName> = {
    Dataset: "datasets",
    Job: "jobs",
    ResearchObject: "research-objects",
  };
  const key = owners[typename] === service ? "id" : "ref";
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (caller !== "anonymous") {
    const user = DEMO_USERS.find((u) => u.username === caller)!;
    headers[ASSERTION_HEADER] = await new AssertionSigner(stack.assertionKeys.privateJwk).sign(
      { sub: user.sub, entitlements: user.entitlements },
      service,
    );
  }
  const res = await fetch(stack.subgraphs[service].url, {
    method: "POST",
    headers,
    body: JSON.stringify({
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`,
      variables: { r: ids.map((id) => ({ __typename: typename, [key]: id })) },
    }),
  });
  const body = (await res.json()) as { data: { _entities: any[] }; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data._entities;
}

const ours = (ids: string[], prefix = "vis-") => ids.filter((id) => id.startsWith(prefix)).sort();
const pageIds = (connection: any) => ours(connection.edges.map((e: any) => e.node.id ?? e.node.dataset.id));

describe.each(CALLERS)("what %s sees", (caller) => {
  it("datasets: the same in lookups, lists, totals, _entities and Site.replicas", async () => {
    const expected = SEES_DATASETS[caller];
    const ids = Object.keys(DATASETS);
    const lookups = await as(
      caller,
      `{ ${ids.map((id, i) => `d${i}: dataset(id: "${id}") { id }`).join(" ")} }`,
    );
    expect(ours(Object.values(lookups).flatMap((d: any) => (d ? [d.id] : [])))).toEqual(expected);

    const list = await as(caller, `{ datasets(first: 250) { totalCount edges { node { id } } } }`);
    expect(pageIds(list.datasets)).toEqual(expected);
    expect(list.datasets.totalCount).toBe(expected.length);

    const refs = await entities(caller, "datasets", "Dataset", ids, "id");
    expect(ours(refs.flatMap((d) => (d ? [d.id] : [])))).toEqual(expected);

    const site = await as(
      caller,
      `{ site(id: "${SITE}") { replicas(first: 250) { totalCount edges { node { dataset { id } } } } } }`,
    );
    expect(pageIds(site.site.replicas)).toEqual(expected);
    expect(site.site.replicas.totalCount).toBe(expected.length);
    // Pages are cut per parent after the rule: the first page holds the first visible rows.
    const first = await as(
      caller,
      `{ site(id: "${SITE}") { replicas(first: 1) { totalCount edges { node { id } } } } }`,
    );
    expect(first.site.replicas.edges).toHaveLength(Math.min(1, expected.length));
    expect(first.site.replicas.totalCount).toBe(expected.length);
  });

  it("references selected by id alone reveal nothing hidden (ResearchObject.datasets/jobs, Job.inputs)", async () => {
    // The snapshot is public and aggregates every dataset and every job.
    const data = await as(
      caller,
      `{ researchObject(id: "vis-ro-snapshot") { datasets { id } jobs { id } } }`,
    );
    const shown = (refs: ({ id: string } | null)[]) => ours(refs.flatMap((r) => (r ? [r.id] : [])));
    expect(shown(data.researchObject.datasets)).toEqual(SEES_DATASETS[caller]);
    expect(data.researchObject.datasets).toHaveLength(Object.keys(DATASETS).length); // hidden ones are null
    expect(shown(data.researchObject.jobs)).toEqual(SEES_JOBS[caller]);
    for (const job of SEES_JOBS[caller]) {
      const read = await as(caller, `{ job(id: "${job}") { inputs { id } } }`);
      expect(shown(read.job.inputs)).toEqual(SEES_DATASETS[caller]);
    }
  });

  it("shows the people behind what it sees only to the owner, the VO and administrators", async () => {
    // vis-public and vis-ro-snapshot belong to erik in vo.eiscat.se; everybody sees them.
    const data = await as(
      caller,
      `{ dataset(id: "vis-public") { owner } researchObject(id: "vis-ro-snapshot") { owner coEditors } }`,
    );
    const shown = caller === "erik" || caller === "pat";
    expect(data.dataset.owner).toBe(shown ? sub("erik") : null);
    expect(data.researchObject).toEqual(
      shown ? { owner: sub("erik"), coEditors: [] } : { owner: null, coEditors: null },
    );
  });

  it("jobs: the same in lookups, lists, totals, _entities, Site.jobs and Dataset.consumedBy", async () => {
    const expected = SEES_JOBS[caller];
    const ids = Object.keys(JOBS);
    const lookups = await as(caller, `{ ${ids.map((id, i) => `j${i}: job(id: "${id}") { id }`).join(" ")} }`);
    expect(ours(Object.values(lookups).flatMap((j: any) => (j ? [j.id] : [])))).toEqual(expected);

    const list = await as(caller, `{ jobs(first: 250) { totalCount edges { node { id } } } }`);
    expect(pageIds(list.jobs)).toEqual(expected);
    expect(list.jobs.totalCount).toBe(expected.length);

    const refs = await entities(caller, "jobs", "Job", ids, "id");
    expect(ours(refs.flatMap((j) => (j ? [j.id] : [])))).toEqual(expected);

    const site = await as(
      caller,
      `{ site(id: "${SITE}") { jobs(first: 250) { totalCount edges { node { id } } } } }`,
    );
    expect(pageIds(site.site.jobs)).toEqual(expected);
    expect(site.site.jobs.totalCount).toBe(expected.length);

    // Dataset.consumedBy for every dataset at once (one batched page per dataset).
    const consumers = await entities(
      caller,
      "jobs",
      "Dataset",
      Object.keys(DATASETS),
      "ref consumedBy(first: 250) { totalCount edges { node { id } } }",
    );
    for (const d of consumers) {
      expect([d.ref, pageIds(d.consumedBy)]).toEqual([d.ref, expected]);
      expect(d.consumedBy.totalCount).toBe(expected.length);
    }
  });

  it("research objects: the same in lookups, lists, totals, _entities, Dataset.researchObjects and Job.researchObjects", async () => {
    const expected = SEES_RESEARCH_OBJECTS[caller];
    const ids = Object.keys(RESEARCH_OBJECTS);
    const lookups = await as(
      caller,
      `{ ${ids.map((id, i) => `r${i}: researchObject(id: "${id}") { id }`).join(" ")} }`,
    );
    expect(ours(Object.values(lookups).flatMap((r: any) => (r ? [r.id] : [])))).toEqual(expected);

    const list = await as(caller, `{ researchObjects(first: 250) { totalCount edges { node { id } } } }`);
    expect(pageIds(list.researchObjects)).toEqual(expected);
    expect(list.researchObjects.totalCount).toBe(expected.length);

    const refs = await entities(caller, "research-objects", "ResearchObject", ids, "id");
    expect(ours(refs.flatMap((r) => (r ? [r.id] : [])))).toEqual(expected);

    const connection = "ref researchObjects(first: 250) { totalCount edges { node { id } } }";
    for (const [typename, parents] of [
      ["Dataset", Object.keys(DATASETS)],
      ["Job", Object.keys(JOBS)],
    ] as const) {
      for (const parent of await entities(caller, "research-objects", typename, [...parents], connection)) {
        expect([typename, parent.id, pageIds(parent.researchObjects)]).toEqual([
          typename,
          parent.id,
          expected,
        ]);
        expect(parent.researchObjects.totalCount).toBe(expected.length);
      }
    }
  });
});
