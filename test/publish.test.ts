import { startStack, type Stack } from "../scripts/in-process-stack";
import { dataciteProblems, doiRequest } from "../subgraphs/research-objects/src/publish/datacite-check";
import { LocalMinter } from "../subgraphs/research-objects/src/publish/local-minter";
import { DoiTakenError } from "../subgraphs/research-objects/src/publish/minter";
import { final, lofarInputAtSara, SUBMIT, waitForJob } from "./support/jobs";
import { checkCrate } from "./support/ro-crate-check";

/**
 * Publishing (issue 16) through the gateway as the demo users: a research object over a job
 * that really ran and the dataset it made, snapshotted with a DOI from the embedded minter,
 * its landing page, Signposting, RO-Crate and DataCite JSON, versions, forks, archive,
 * import, provenance, and the refusals.
 */
let stack: Stack;
let input: { id: string; lfn: string };
let job: any;
let output: any;
beforeAll(async () => {
  stack = await startStack({ seed: true });
  input = await lofarInputAtSara(stack);
  const { data, errors } = await stack.query(
    SUBMIT,
    {
      input: {
        name: "calibrate L2",
        vo: "vo.lofar.eu",
        executable: "/bin/sh",
        arguments: ["-c", "head -c 300 inputs.json > calibrated.txt"],
        siteId: "SARA-MATRIX",
        wallTimeSeconds: 600,
        inputs: [input.id],
        outputs: ["calibrated.txt"],
      },
    },
    { as: "alice" },
  );
  expect(errors).toBeUndefined();
  job = await waitForJob(stack, data.submitJob.job.id, (j) => final(j) && j.outputs.length > 0);
  expect(job.status).toBe("COMPLETED");
  output = job.outputs[0];
});
afterAll(() => stack?.stop());

const RO = `id title state version doi doiState doiProblem published landingPage lineage: parent { id }
  creators { name orcid affiliation } licence keywords
  datasets { id } jobs { id } externalResources { url resourceType }`;
const ALICE = { name: "Anna Kowalska", orcid: "0000-0002-1825-0097", affiliation: "ASTRON" };

async function create(extra: Record<string, unknown> = {}, as = "alice") {
  const { data, errors } = await stack.query(
    `mutation($input: CreateResearchObjectInput!) { createResearchObject(input: $input) { researchObject { ${RO} } } }`,
    {
      input: {
        title: "ELAIS-N1 calibration",
        description: "A calibrated LOFAR product and the job that made it.",
        creators: [ALICE],
        keywords: ["LOFAR", "calibration"],
        licence: "CC-BY-4.0",
        vo: "vo.lofar.eu",
        ...extra,
      },
    },
    { as },
  );
  expect(errors).toBeUndefined();
  return data.createResearchObject.researchObject;
}

async function add(id: string, what: "dataset" | "job", targetId: string, as = "alice") {
  const mutation = what === "dataset" ? "addDatasetToResearchObject" : "addJobToResearchObject";
  const arg = what === "dataset" ? "datasetId" : "jobId";
  return stack.query(
    `mutation($ro: ID!, $t: ID!) { ${mutation}(researchObjectId: $ro, ${arg}: $t) { researchObject { id } } }`,
    { ro: id, t: targetId },
    { as },
  );
}

async function snapshot(id: string, as = "alice") {
  return stack.query(
    `mutation($id: ID!) { snapshotResearchObject(id: $id) { researchObject { ${RO} } } }`,
    { id },
    { as },
  );
}

/** A LIVE research object with the output dataset and the job that produced it. */
async function published() {
  const ro = await create();
  expect((await add(ro.id, "dataset", output.id)).errors).toBeUndefined();
  expect((await add(ro.id, "job", job.id)).errors).toBeUndefined();
  const { data, errors } = await snapshot(ro.id);
  expect(errors).toBeUndefined();
  return { live: ro, snap: data.snapshotResearchObject.researchObject };
}

const base = () => stack.gatewayUrl.replace(/\/graphql$/, "");

describe("lifecycle", () => {
  it("snapshots a LIVE object into an immutable version with a findable DOI from the embedded minter", async () => {
    const { live, snap } = await published();
    expect(snap).toMatchObject({
      state: "SNAPSHOT",
      version: 1,
      doiState: "FINDABLE",
      doiProblem: null,
      published: true,
    });
    expect(snap.id).not.toBe(live.id);
    expect(snap.doi).toMatch(/^10\.5072\/gg\.[0-9a-z]{4}-[0-9a-z]{4}$/);
    expect(snap.lineage.id).toBe(live.id);
    expect(snap.datasets.map((d: any) => d.id)).toEqual([output.id]);
    expect(snap.jobs.map((j: any) => j.id)).toEqual([job.id]);
    expect(snap.landingPage).toBe(`${base()}/ro/${snap.id}`);

    const { data } = await stack.query(
      `query($id: ID!) { researchObject(id: $id) { version state } }`,
      { id: live.id },
      { as: "alice" },
    );
    expect(data.researchObject).toEqual({ version: 2, state: "LIVE" });
  });

  it("refuses to edit a snapshot, saying why and what to do instead", async () => {
    const { snap } = await published();
    const { errors } = await stack.query(
      `mutation($id: ID!) { updateResearchObject(id: $id, input: { title: "changed" }) { researchObject { id } } }`,
      { id: snap.id },
      { as: "alice" },
    );
    expect(errors?.[0].extensions?.code).toBe("CONFLICT");
    expect(errors?.[0].message).toMatch(/SNAPSHOT.*immutable.*forkResearchObject/);
    const added = await add(snap.id, "dataset", input.id);
    expect(added.errors?.[0].extensions?.code).toBe("CONFLICT");
  });

  it("gives two concurrent snapshots of one object two versions with two different DOIs", async () => {
    const ro = await create();
    await add(ro.id, "dataset", output.id);
    const [a, b] = await Promise.all([snapshot(ro.id), snapshot(ro.id)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const snaps = [
      a.data.snapshotResearchObject.researchObject,
      b.data.snapshotResearchObject.researchObject,
    ];
    expect(snaps.map((s) => s.version).sort()).toEqual([1, 2]);
    expect(new Set(snaps.map((s) => s.doi)).size).toBe(2);
    expect(snaps.every((s) => s.doiState === "FINDABLE")).toBe(true);

    const { data } = await stack.query(
      `query($id: ID!) { researchObject(id: $id) { versions { totalCount edges { node { version doi } } } } }`,
      { id: ro.id },
      { as: "alice" },
    );
    expect(data.researchObject.versions.totalCount).toBe(2);
    const second = snaps.find((s) => s.version === 2);
    const first = snaps.find((s) => s.version === 1);
    const meta = await stack.query(`query($id: ID!) { researchObject(id: $id) { dataciteMetadata } }`, {
      id: second.id,
    });
    expect(meta.data.researchObject.dataciteMetadata.relatedIdentifiers).toEqual(
      expect.arrayContaining([
        { relatedIdentifier: first.doi, relatedIdentifierType: "DOI", relationType: "IsNewVersionOf" },
      ]),
    );
  });

  it("forks any version into a new LIVE object, archives a snapshot and keeps its DOI, deletes only the never published", async () => {
    const { live, snap } = await published();
    const fork = await stack.query(
      `mutation($id: ID!) { forkResearchObject(id: $id) { researchObject { ${RO} } } }`,
      { id: snap.id },
      { as: "lars" },
    );
    expect(fork.errors).toBeUndefined();
    const forked = fork.data.forkResearchObject.researchObject;
    expect(forked).toMatchObject({ state: "LIVE", version: 1, doi: null, title: snap.title });
    expect(forked.datasets).toEqual(snap.datasets);
    expect(forked.lineage.id).toBe(snap.id);

    const archived = await stack.query(
      `mutation($id: ID!) { archiveResearchObject(id: $id) { researchObject { state doi doiState } } }`,
      { id: snap.id },
      { as: "alice" },
    );
    expect(archived.data.archiveResearchObject.researchObject).toEqual({
      state: "ARCHIVED",
      doi: snap.doi,
      doiState: "FINDABLE",
    });

    const refused = await stack.query(
      `mutation($id: ID!) { deleteResearchObject(id: $id) }`,
      { id: live.id },
      { as: "alice" },
    );
    expect(refused.errors?.[0].extensions?.code).toBe("CONFLICT");
    expect(refused.errors?.[0].message).toMatch(/published/);
    const deleted = await stack.query(
      `mutation($id: ID!) { deleteResearchObject(id: $id) }`,
      { id: forked.id },
      { as: "lars" },
    );
    expect(deleted.errors).toBeUndefined();
    const gone = await stack.query(
      `query($id: ID!) { researchObject(id: $id) { id } }`,
      { id: forked.id },
      { as: "lars" },
    );
    expect(gone.data.researchObject).toBeNull();
  });

  it("keeps a dataset of a published research object from being deleted, even with force", async () => {
    await published();
    const { errors } = await stack.query(
      `mutation($id: ID!) { deleteDataset(id: $id, force: true) { __typename } }`,
      { id: output.id },
      { as: "alice" },
    );
    expect(errors?.[0].extensions?.code).toBe("CONFLICT");
    expect(errors?.[0].message).toMatch(/published research object/);
  });
});

describe("bad input", () => {
  it("reports every metadata problem at once", async () => {
    const { errors } = await stack.query(
      `mutation($input: CreateResearchObjectInput!) { createResearchObject(input: $input) { researchObject { id } } }`,
      {
        input: {
          title: "  ",
          creators: [{ name: "Anna", orcid: "0000-0002-1825-0098" }, { name: "" }],
          licence: "CC-BY-5.0",
          vo: "vo.lofar.eu",
        },
      },
      { as: "alice" },
    );
    expect(errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const fields = errors![0].extensions!.problems.map((p: any) => p.field).sort();
    expect(fields).toEqual(["creators.0.orcid", "creators.1.name", "licence", "title"]);
  });

  it("refuses a snapshot with no items, saying what is missing", async () => {
    const ro = await create();
    const { errors } = await snapshot(ro.id);
    expect(errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(errors?.[0].extensions?.problems.map((p: any) => p.field)).toEqual(["items"]);
  });

  it("reports every problem with the metadata and the items of a new research object at once", async () => {
    const { data: hidden } = await stack.query(
      `{ datasets(filter: { community: EISCAT, access: VO }, first: 1) { edges { node { id } } } }`,
      {},
      { as: "erik" },
    );
    const erikOnly = hidden.datasets.edges[0].node.id;
    const { errors } = await stack.query(
      `mutation($input: CreateResearchObjectInput!) { createResearchObject(input: $input) { researchObject { id } } }`,
      {
        input: {
          title: "x",
          creators: [{ name: "Anna", orcid: "0000-0002-1825-0098" }],
          vo: "vo.lofar.eu",
          datasetIds: [output.id, "no-such-dataset", erikOnly],
          jobIds: [job.id],
          externalResources: [{ url: "ftp://example.org/paper.pdf" }],
        },
      },
      { as: "alice" },
    );
    expect(errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const problems = errors![0].extensions!.problems;
    expect(problems.map((p: any) => p.field).sort()).toEqual([
      "creators.0.orcid",
      "items.1",
      "items.2",
      "items.4",
    ]);
    const about = (field: string) => problems.find((p: any) => p.field === field).message;
    // A dataset hidden from alice and one that does not exist are refused alike.
    expect(about("items.1").replace("no-such-dataset", "X")).toBe(about("items.2").replace(erikOnly, "X"));

    const made = await stack.query(
      `mutation($input: CreateResearchObjectInput!) { createResearchObject(input: $input) { researchObject { ${RO} } } }`,
      {
        input: {
          title: "With items",
          creators: [ALICE],
          vo: "vo.lofar.eu",
          datasetIds: [output.id],
          jobIds: [job.id],
          externalResources: [{ url: "doi:10.1051/0004-6361/202038828", resourceType: "PAPER" }],
        },
      },
      { as: "alice" },
    );
    expect(made.errors).toBeUndefined();
    expect(made.data.createResearchObject.researchObject).toMatchObject({
      datasets: [{ id: output.id }],
      jobs: [{ id: job.id }],
      externalResources: [{ url: "https://doi.org/10.1051/0004-6361/202038828", resourceType: "PAPER" }],
    });
  });

  it("refuses an item that does not exist and one hidden from the caller with the same answer", async () => {
    const ro = await create();
    const missing = await add(ro.id, "dataset", "no-such-dataset");
    expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const edit = await stack.query(
      `mutation($id: ID!) { updateResearchObject(id: $id, input: { licence: "MIT", keywords: ["a", "a", " b "] }) { researchObject { licence keywords } } }`,
      { id: ro.id },
      { as: "alice" },
    );
    expect(edit.data.updateResearchObject.researchObject).toEqual({ licence: "MIT", keywords: ["a", "b"] });
  });

  it("never issues the same DOI twice, even asked concurrently", async () => {
    const minter = new LocalMinter(stack.subgraphs["research-objects"].db, "10.5072");
    const doi = "10.5072/gg.test-once";
    const results = await Promise.allSettled([
      minter.reserve(doi, "http://example.org/a"),
      minter.reserve(doi, "http://example.org/b"),
      minter.reserve(doi, "http://example.org/c"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.every((r) => r.reason instanceof DoiTakenError)).toBe(true);
    // The same reservation again (a retry) is not a second DOI.
    const winner = ["a", "b", "c"][results.findIndex((r) => r.status === "fulfilled")];
    await expect(minter.reserve(doi, `http://example.org/${winner}`)).resolves.toBeUndefined();
  });
});

describe("landing page and metadata", () => {
  it("serves the page a DOI resolves to, with Signposting, to anybody", async () => {
    const { snap } = await published();
    const response = await fetch(`${base()}/ro/${snap.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("vary")).toBe("Accept");
    const html = await response.text();
    expect(html).toContain("<h1>ELAIS-N1 calibration</h1>");
    expect(html).toContain(`https://doi.org/${snap.doi}`);
    expect(html).toContain("calibrate L2");
    expect(html).toContain(output.lfn);
    expect(html).toMatch(/Kowalska, A\. \(\d{4}\)\. <i>ELAIS-N1 calibration<\/i> \(Version 1\)/);
    const link = response.headers.get("link")!;
    expect(link).toContain(`<https://doi.org/${snap.doi}>; rel="cite-as"`);
    expect(link).toContain(
      `<${base()}/ro/${snap.id}/ro-crate-metadata.json>; rel="describedby"; type="application/ld+json"`,
    );
    expect(link).toContain(`rel="describedby"; type="application/vnd.datacite.datacite+json"`);
    expect(link).toContain(`<https://spdx.org/licenses/CC-BY-4.0>; rel="license"`);
    expect(link).toContain(`<https://orcid.org/${ALICE.orcid}>; rel="author"`);

    const head = await fetch(`${base()}/ro/${snap.id}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("link")).toBe(link);
  });

  it("negotiates the crate, the DataCite JSON and BibTeX, and refuses what it cannot give", async () => {
    const { snap } = await published();
    const as = (accept: string) => fetch(`${base()}/ro/${snap.id}`, { headers: { accept } });
    const crate = await as("application/ld+json");
    expect(crate.headers.get("content-type")).toMatch(/^application\/ld\+json/);
    expect(((await crate.json()) as any)["@graph"].find((e: any) => e["@id"] === "./").name).toBe(snap.title);
    const datacite: any = await (await as("application/vnd.datacite.datacite+json")).json();
    expect(datacite.doi).toBe(snap.doi);
    const bibtex = await (await as("application/x-bibtex")).text();
    expect(bibtex).toMatch(/^@\w+\{/);
    expect(bibtex).toContain(`doi = {${snap.doi}}`);
    expect((await as("image/png")).status).toBe(406);
    expect((await fetch(`${base()}/ro/${snap.id}/nothing`)).status).toBe(404);
    expect((await fetch(`${base()}/ro/${snap.id}`, { method: "DELETE" })).status).toBe(405);
  });

  it("builds a Process Run Crate that the ro-crate library validates, the job's inputs and outputs linked", async () => {
    const { snap } = await published();
    const crate: any = await (await fetch(`${base()}/ro/${snap.id}/ro-crate-metadata.json`)).json();
    const check = await checkCrate(crate);
    expect(check.errors).toEqual([]);
    expect(check.failedChecks).toEqual([]);
    expect(check.isROCrate).toBe(true);

    const byId = new Map<string, any>(crate["@graph"].map((e: any) => [e["@id"], e]));
    const root = byId.get("./");
    expect(root.conformsTo).toEqual({ "@id": "https://w3id.org/ro/wfrun/process/0.5" });
    expect(root["cite-as"]).toEqual({ "@id": `https://doi.org/${snap.doi}` });
    const action = byId.get(`#job-${job.id}`);
    expect(action["@type"]).toBe("CreateAction");
    const entityOf = (ref: { "@id": string }) => byId.get(ref["@id"]);
    expect(action.object.map(entityOf).map((e: any) => e.identifier)).toEqual([
      `urn:gridgraph:dataset:${input.id}`,
    ]);
    expect(action.result.map(entityOf).map((e: any) => e.identifier)).toEqual([
      `urn:gridgraph:dataset:${output.id}`,
    ]);
    expect(entityOf(action.instrument)).toMatchObject({ "@type": "SoftwareApplication", name: "sh" });
    expect(entityOf(action.agent)).toMatchObject({ "@type": "Person", name: ALICE.name });
    expect(entityOf(action.location)).toMatchObject({ "@type": "Place", identifier: "SARA-MATRIX" });
    expect(action.startTime).toBeTruthy();
    expect(action.endTime).toBeTruthy();
    const made = entityOf(root.hasPart[0]);
    expect(made).toMatchObject({
      "@type": "File",
      contentSize: String(output.sizeBytes),
      checksum: output.checksum,
    });
    expect(made.contentUrl.length).toBeGreaterThan(0);

    const zip = await fetch(`${base()}/ro/${snap.id}/ro-crate.zip`);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    const bytes = Buffer.from(await zip.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    expect(bytes.includes(Buffer.from("ro-crate-preview.html"))).toBe(true);
  });

  it("derives DataCite metadata that passes DataCite's schema: ORCID, licence, related items, places", async () => {
    const { snap } = await published();
    const { data } = await stack.query(`query($id: ID!) { researchObject(id: $id) { dataciteMetadata } }`, {
      id: snap.id,
    });
    const meta = data.researchObject.dataciteMetadata;
    expect(dataciteProblems(doiRequest({ ...meta, event: "publish" }))).toEqual([]);
    expect(meta.creators[0].nameIdentifiers).toEqual([
      {
        nameIdentifier: `https://orcid.org/${ALICE.orcid}`,
        nameIdentifierScheme: "ORCID",
        schemeUri: "https://orcid.org",
      },
    ]);
    expect(meta.rightsList[0]).toMatchObject({
      rightsIdentifier: "CC-BY-4.0",
      rightsIdentifierScheme: "SPDX",
    });
    expect(meta.subjects).toEqual([{ subject: "LOFAR" }, { subject: "calibration" }]);
    const relations = meta.relatedIdentifiers.map((r: any) => r.relationType);
    expect(relations).toEqual(expect.arrayContaining(["HasPart", "IsDerivedFrom"]));
    expect(meta.geoLocations.map((g: any) => g.geoLocationPlace).length).toBeGreaterThan(0);
    expect(meta.url).toBe(snap.landingPage);
  });

  it("serves a seeded snapshot (published before versions were frozen) as anybody sees it", async () => {
    const page = await fetch(`${base()}/ro/ro-lotss-deep-elais-n1`);
    expect(page.status).toBe(200);
    expect(page.headers.get("link")).toContain(
      '<https://doi.org/10.5072/gridgraph.lotss-deep-en1.v1>; rel="cite-as"',
    );
    const crate: any = await (
      await fetch(`${base()}/ro/ro-lotss-deep-elais-n1/ro-crate-metadata.json`)
    ).json();
    expect((await checkCrate(crate)).errors).toEqual([]);
    const root = crate["@graph"].find((e: any) => e["@id"] === "./");
    expect(root.citation).toEqual([{ "@id": "https://doi.org/10.1051/0004-6361/202038828" }]);
  });

  it("hides a LIVE object's page from those who may not see it", async () => {
    const ro = await create();
    expect((await fetch(`${base()}/ro/${ro.id}`)).status).toBe(404);
    const token = await stack.tokenFor("alice");
    const mine = await fetch(`${base()}/ro/${ro.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("cache-control")).toMatch(/no-store/);
  });
});

describe("provenance and RO-Crate import", () => {
  it("walks from a research object to the job, its inputs and the sites, and back", async () => {
    const { snap } = await published();
    const { data, errors } = await stack.query(
      `query($id: ID!) { researchObject(id: $id) { provenance(depth: 2) { datasets { id } jobs { id } sites { id } truncated } } }`,
      { id: snap.id },
      { as: "alice" },
    );
    expect(errors).toBeUndefined();
    const p = data.researchObject.provenance;
    expect(p.datasets.map((d: any) => d.id)).toEqual(expect.arrayContaining([output.id, input.id]));
    expect(p.jobs.map((j: any) => j.id)).toContain(job.id);
    expect(p.sites.map((s: any) => s.id)).toContain("SARA-MATRIX");
    const back = await stack.query(
      `query($id: ID!) { dataset(id: $id) { researchObjects(first: 100) { edges { node { id } } } publishedResearchObjectCount } }`,
      { id: output.id },
      { as: "alice" },
    );
    expect(back.data.dataset.researchObjects.edges.map((e: any) => e.node.id)).toContain(snap.id);
    expect(back.data.dataset.publishedResearchObjectCount).toBeGreaterThan(0);
    const bad = await stack.query(
      `query($id: ID!) { researchObject(id: $id) { provenance(depth: 99) { depth } } }`,
      { id: snap.id },
    );
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("imports a crate made here and one made elsewhere, reporting what it did not take", async () => {
    const { snap } = await published();
    const ours = await (await fetch(`${base()}/ro/${snap.id}/ro-crate-metadata.json`)).json();
    const IMPORT = `mutation($crate: JSONObject!, $vo: String!) { importResearchObject(crate: $crate, vo: $vo) { researchObject { ${RO} } notUnderstood } }`;
    const back = await stack.query(IMPORT, { crate: ours, vo: "vo.lofar.eu" }, { as: "alice" });
    expect(back.errors).toBeUndefined();
    const again = back.data.importResearchObject.researchObject;
    expect(again).toMatchObject({
      state: "LIVE",
      title: snap.title,
      licence: "CC-BY-4.0",
      creators: snap.creators,
    });
    expect(again.datasets.map((d: any) => d.id)).toEqual([output.id]);
    expect(again.jobs.map((j: any) => j.id)).toEqual([job.id]);

    const elsewhere = {
      "@context": "https://w3id.org/ro/crate/1.1/context",
      "@graph": [
        { "@id": "ro-crate-metadata.json", "@type": "CreativeWork", about: { "@id": "./" } },
        {
          "@id": "./",
          "@type": "Dataset",
          name: "Ionograms from Tromsø",
          author: [{ "@id": "https://orcid.org/0000-0002-1825-0097" }, { "@id": "#bob" }],
          license: { "@id": "https://creativecommons.org/licenses/by/4.0/" },
          keywords: "ionosphere, EISCAT",
          hasPart: [{ "@id": "data/iono.csv" }, { "@id": "https://zenodo.org/records/1234" }],
          citation: [{ "@id": "https://doi.org/10.1029/2020JA028000" }],
          mentions: [{ "@id": "#run1" }],
        },
        { "@id": "https://orcid.org/0000-0002-1825-0097", "@type": "Person", name: "Josiah Carberry" },
        {
          "@id": "#bob",
          "@type": "Person",
          name: "Bob",
          identifier: "https://orcid.org/0000-0000-0000-0002",
        },
        { "@id": "data/iono.csv", "@type": "File", name: "ionograms" },
        { "@id": "https://zenodo.org/records/1234", "@type": "Dataset", name: "raw ionograms" },
        { "@id": "https://doi.org/10.1029/2020JA028000", "@type": "ScholarlyArticle", name: "A paper" },
        { "@id": "#run1", "@type": "CreateAction", name: "analysis run" },
      ],
    };
    const other = await stack.query(IMPORT, { crate: elsewhere, vo: "vo.lofar.eu" }, { as: "alice" });
    expect(other.errors).toBeUndefined();
    const made = other.data.importResearchObject;
    expect(made.researchObject).toMatchObject({
      title: "Ionograms from Tromsø",
      licence: "CC-BY-4.0",
      keywords: ["ionosphere", "EISCAT"],
      creators: [
        { name: "Josiah Carberry", orcid: "0000-0002-1825-0097", affiliation: null },
        { name: "Bob", orcid: null, affiliation: null },
      ],
    });
    expect(made.researchObject.externalResources).toEqual([
      { url: "https://zenodo.org/records/1234", resourceType: "OTHER" },
      { url: "https://doi.org/10.1029/2020JA028000", resourceType: "PAPER" },
    ]);
    const said = made.notUnderstood.join("\n");
    expect(said).toMatch(/0000-0000-0000-0002/);
    expect(said).toMatch(/data\/iono\.csv/);
    expect(said).toMatch(/analysis run/);

    const notACrate = await stack.query(
      IMPORT,
      { crate: { hello: "world" }, vo: "vo.lofar.eu" },
      { as: "alice" },
    );
    expect(notACrate.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});
