import { startStack, type Stack } from "../scripts/in-process-stack";
import { dataciteProblems } from "../subgraphs/research-objects/src/publish/datacite-check";
import { startDataciteStandIn } from "./support/datacite-server";

/**
 * The DataCite REST API client (issue 16) against a stand-in that checks every request body
 * against DataCite's schema and answers as DataCite does: a draft reserved, then published;
 * a failure leaves the snapshot without a findable DOI and a retry completes it with the same
 * DOI; DataCite's own 422 messages reach the user.
 */
const PREFIX = "10.80123";
let datacite: Awaited<ReturnType<typeof startDataciteStandIn>>;
let stack: Stack;
let datasetId: string;
beforeAll(async () => {
  datacite = await startDataciteStandIn({
    repositoryId: "GRIDGRAPH.TEST",
    password: "s3cret",
    prefix: PREFIX,
  });
  stack = await startStack({
    seed: true,
    researchObjects: {
      doiPrefix: PREFIX,
      datacite: { url: datacite.url, repositoryId: "GRIDGRAPH.TEST", password: "s3cret" },
    },
  });
  const { data } = await stack.query(
    `{ datasets(filter: { community: LOFAR }, first: 1) { edges { node { id } } } }`,
    {},
    { as: "alice" },
  );
  datasetId = data.datasets.edges[0].node.id;
});
afterAll(async () => {
  await stack?.stop();
  await datacite?.stop();
});

const RO = `id doi doiState doiProblem version landingPage`;

async function liveWithDataset() {
  const { data, errors } = await stack.query(
    `mutation($input: CreateResearchObjectInput!) { createResearchObject(input: $input) { researchObject { id } } }`,
    {
      input: {
        title: "LoTSS calibrated visibilities",
        creators: [{ name: "Anna Kowalska", orcid: "0000-0002-1825-0097" }],
        licence: "CC-BY-4.0",
        vo: "vo.lofar.eu",
      },
    },
    { as: "alice" },
  );
  expect(errors).toBeUndefined();
  const id = data.createResearchObject.researchObject.id;
  const added = await stack.query(
    `mutation($ro: ID!, $d: ID!) { addDatasetToResearchObject(researchObjectId: $ro, datasetId: $d) { researchObject { id } } }`,
    { ro: id, d: datasetId },
    { as: "alice" },
  );
  expect(added.errors).toBeUndefined();
  return id;
}

const snapshot = (id: string) =>
  stack.query(
    `mutation($id: ID!) { snapshotResearchObject(id: $id) { researchObject { ${RO} } } }`,
    { id },
    { as: "alice" },
  );
const retry = (id: string) =>
  stack.query(
    `mutation($id: ID!) { publishResearchObjectDoi(id: $id) { researchObject { ${RO} } } }`,
    { id },
    { as: "alice" },
  );
const doisFor = (url: string) => [...datacite.dois.values()].filter((d) => d.url === url);

it("reserves a draft, then publishes it findable, every body valid for DataCite's schema", async () => {
  const before = datacite.requests.length;
  const { data, errors } = await snapshot(await liveWithDataset());
  expect(errors).toBeUndefined();
  const snap = data.snapshotResearchObject.researchObject;
  expect(snap).toMatchObject({ doiState: "FINDABLE", doiProblem: null });
  expect(snap.doi.startsWith(`${PREFIX}/gg.`)).toBe(true);
  const sent = datacite.requests.slice(before);
  expect(sent.map((r) => [r.method, r.status])).toEqual([
    ["POST", 201],
    ["PUT", 200],
  ]);
  expect(sent[0].body.data.attributes).toEqual({ doi: snap.doi, url: snap.landingPage });
  expect(sent[1].body.data.attributes.event).toBe("publish");
  for (const r of sent) expect(dataciteProblems(r.body)).toEqual([]);
  const stored = datacite.dois.get(snap.doi)!;
  expect(stored.state).toBe("findable");
  expect(stored.attributes.creators).toEqual([
    expect.objectContaining({
      name: "Anna Kowalska",
      nameIdentifiers: [expect.objectContaining({ nameIdentifierScheme: "ORCID" })],
    }),
  ]);
});

it("keeps the snapshot when publishing fails and completes it on retry with the same DOI", async () => {
  datacite.failNext("PUT", 503);
  const { data, errors } = await snapshot(await liveWithDataset());
  expect(errors).toBeUndefined();
  const snap = data.snapshotResearchObject.researchObject;
  expect(snap.doiState).toBe("DRAFT");
  expect(snap.doiProblem).toMatch(/DataCite answered HTTP 503/);
  const again = await retry(snap.id);
  expect(again.errors).toBeUndefined();
  expect(again.data.publishResearchObjectDoi.researchObject).toMatchObject({
    doi: snap.doi,
    doiState: "FINDABLE",
    doiProblem: null,
  });
  expect(doisFor(snap.landingPage)).toHaveLength(1);
  expect(datacite.dois.get(snap.doi)!.state).toBe("findable");
});

it("never makes a second DOI when DataCite reserved one but the answer was lost", async () => {
  datacite.failNext("POST", 502, true);
  const { data } = await snapshot(await liveWithDataset());
  const snap = data.snapshotResearchObject.researchObject;
  expect(snap.doiState).toBeNull();
  expect(snap.doiProblem).toMatch(/502/);
  expect(doisFor(snap.landingPage)).toHaveLength(1);
  const again = await retry(snap.id);
  expect(again.errors).toBeUndefined();
  expect(again.data.publishResearchObjectDoi.researchObject).toMatchObject({
    doi: snap.doi,
    doiState: "FINDABLE",
  });
  expect(doisFor(snap.landingPage)).toHaveLength(1);
  // The retry's POST was told the DOI is taken, looked, found its own draft, and published it.
  const taken = datacite.requests.filter(
    (r) => r.method === "POST" && r.status === 422 && r.body.data.attributes.doi === snap.doi,
  );
  expect(taken).toHaveLength(1);
});

it("shows DataCite's own 422 messages, and a retry after the cause is fixed succeeds", async () => {
  datacite.allowDomains(["landing.example.org"]);
  try {
    const { data } = await snapshot(await liveWithDataset());
    const snap = data.snapshotResearchObject.researchObject;
    expect(snap.doiState).toBeNull();
    expect(snap.doiProblem).toContain("url: URL is not allowed by repository domain settings.");
    const refused = await retry(snap.id);
    expect(refused.errors?.[0].message).toContain("URL is not allowed by repository domain settings.");
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      problems: [{ field: "url", message: "URL is not allowed by repository domain settings." }],
    });
    datacite.allowDomains(["*"]);
    const again = await retry(snap.id);
    expect(again.data.publishResearchObjectDoi.researchObject).toMatchObject({
      doi: snap.doi,
      doiState: "FINDABLE",
    });
  } finally {
    datacite.allowDomains(["*"]);
  }
});

it("answers bodies that miss DataCite's required properties with DataCite's 422", async () => {
  const response = await fetch(`${datacite.url}/dois`, {
    method: "POST",
    headers: {
      "content-type": "application/vnd.api+json",
      authorization: `Basic ${Buffer.from("GRIDGRAPH.TEST:s3cret").toString("base64")}`,
    },
    body: JSON.stringify({
      data: { type: "dois", attributes: { doi: `${PREFIX}/x`, event: "publish", url: "http://a/b" } },
    }),
  });
  expect(response.status).toBe(422);
  const body = (await response.json()) as any;
  expect(body.errors.map((e: any) => e.source).sort()).toEqual([
    "creators",
    "publicationYear",
    "publisher",
    "titles",
    "types",
  ]);
});
