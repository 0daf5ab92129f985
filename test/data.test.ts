import fs from "node:fs";
import { adler32File, localReplicaPath } from "@gridgraph/kit";
import { startStack, type Stack } from "../scripts/in-process-stack";
import { runDataCommand } from "../scripts/data";
import { final, readEventStream, shellJob, waitForJob } from "./support/jobs";

/**
 * Data that moves (issue 15), through the gateway as the demo users: discovery with facets,
 * corrections, the namespace and existence rules, and staging and transfers between the
 * embedded storage endpoints of the seed sites with real bytes and ADLER32 checks.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ seed: true });
});
afterAll(() => stack?.stop());

const REQUEST = `id kind state vo destinationSiteId destinationStorageUrl bytesTotal bytesDone eventsPath
  summary { submitted staging active finished failed canceled }
  files { datasetId state bytesTotal bytesDone attempts lastError checksumExpected checksumActual replicaId sourceSiteId }
  events { seq state message }`;

async function waitForRequest(id: string, as = "alice") {
  for (;;) {
    const { data, errors } = await stack.query(
      `query($id: ID!) { dataRequest(id: $id) { ${REQUEST} } }`,
      { id },
      { as },
    );
    expect(errors).toBeUndefined();
    if (["FINISHED", "FINISHED_DIRTY", "FAILED", "CANCELED"].includes(data.dataRequest.state))
      return data.dataRequest;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function lofarAt(site: string, state: string) {
  const { data } = await stack.query(
    `query($f: DatasetFilter) { datasets(filter: $f, first: 250) { edges { node { id lfn sizeBytes vo replicas { id state siteId: site { id } sizeBytes checksum } } } } }`,
    { f: { community: "LOFAR", siteIds: [site], replicaStates: [state] } },
    { as: "alice" },
  );
  return data.datasets.edges.map((e: any) => e.node);
}

describe("discovery", () => {
  it("finds ELAIS-N1 by full text, with facets counted for the same filter", async () => {
    const { data, errors } = await stack.query(
      `{ datasets(filter: { text: "ELAIS-N1" }, first: 5, sort: { field: RELEVANCE, direction: DESC }) { totalCount edges { node { id title observation { target } } } }
         datasetFacets(filter: { text: "ELAIS-N1" }) { totalCount community { value count } level { value count } site { value count } replicaState { value count } access { value count } } }`,
      {},
      { as: "alice" },
    );
    expect(errors).toBeUndefined();
    expect(data.datasets.totalCount).toBeGreaterThan(0);
    for (const { node } of data.datasets.edges)
      expect(`${node.title} ${node.observation?.target}`).toMatch(/ELAIS-N1/);
    expect(data.datasetFacets.totalCount).toBe(data.datasets.totalCount);
    expect(data.datasetFacets.community).toEqual([{ value: "LOFAR", count: data.datasets.totalCount }]);
    const levels = data.datasetFacets.level.reduce((n: number, l: any) => n + l.count, 0);
    expect(levels).toBe(data.datasets.totalCount);
    expect(data.datasetFacets.site.length).toBeGreaterThan(0);
  });

  it("counts a facet the way the filter with that value lists it", async () => {
    const { data } = await stack.query(
      `{ datasetFacets(filter: { community: LOFAR, level: L2 }) { site { value count } replicaState { value count } } }`,
      {},
      { as: "alice" },
    );
    const sara = data.datasetFacets.site.find((s: any) => s.value === "SARA-MATRIX");
    const listed = await stack.query(
      `{ datasets(filter: { community: LOFAR, level: L2, siteIds: ["SARA-MATRIX"] }, first: 0) { totalCount } }`,
      {},
      { as: "alice" },
    );
    expect(listed.data.datasets.totalCount).toBe(sara.count);
  });

  it("pages under a sort with stable cursors: every dataset once, in order", async () => {
    const seen: any[] = [];
    let after: string | null = null;
    for (;;) {
      const { data, errors }: any = await stack.query(
        `query($after: String) { datasets(first: 37, after: $after, filter: { community: LOFAR }, sort: { field: SIZE, direction: DESC }) { totalCount pageInfo { hasNextPage endCursor } edges { node { id sizeBytes } } } }`,
        { after },
        { as: "alice" },
      );
      expect(errors).toBeUndefined();
      seen.push(...data.datasets.edges.map((e: any) => e.node));
      if (!data.datasets.pageInfo.hasNextPage) {
        expect(seen).toHaveLength(data.datasets.totalCount);
        break;
      }
      after = data.datasets.pageInfo.endCursor;
    }
    expect(new Set(seen.map((d) => d.id)).size).toBe(seen.length);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i - 1].sizeBytes).toBeGreaterThanOrEqual(seen[i].sizeBytes);
    const wrongSort = await stack.query(
      `query($after: String) { datasets(first: 5, after: $after, sort: { field: TITLE }) { totalCount } }`,
      { after },
      { as: "alice" },
    );
    expect(wrongSort.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("filters by observation time and size", async () => {
    const { data } = await stack.query(
      `{ datasets(filter: { observedFrom: "2019-01-01T00:00:00Z", observedTo: "2020-12-31T23:59:59Z", minSizeBytes: 1000000000 }, first: 250) { edges { node { sizeBytes observation { startTime endTime } } } } }`,
      {},
      { as: "alice" },
    );
    for (const { node } of data.datasets.edges) {
      expect(node.sizeBytes).toBeGreaterThanOrEqual(1e9);
      expect(new Date(node.observation.startTime).getTime()).toBeLessThanOrEqual(
        Date.parse("2020-12-31T23:59:59Z"),
      );
      expect(
        new Date(node.observation.endTime ?? node.observation.startTime).getTime(),
      ).toBeGreaterThanOrEqual(Date.parse("2019-01-01T00:00:00Z"));
    }
  });
});

describe("a catalogue people can correct, and cannot abuse", () => {
  const NEW = `mutation($input: RegisterDatasetInput!) { registerDataset(input: $input) { dataset { id lfn } } }`;
  const input = (lfn: string, extra: Record<string, unknown> = {}) => ({
    lfn,
    title: "test set",
    community: "LOFAR",
    instrument: "LOFAR HBA",
    level: "L2",
    productType: "visibilities",
    format: "MeasurementSet",
    sizeBytes: 10,
    vo: "vo.lofar.eu",
    ...extra,
  });

  it("refuses a fake replica at a site that does not exist, or at an endpoint the site does not publish", async () => {
    const { data } = await stack.query(NEW, { input: input("/lofar/test/fake-replica") }, { as: "alice" });
    const id = data.registerDataset.dataset.id;
    const add = `mutation($input: AddReplicaInput!) { addReplica(input: $input) { replica { id } } }`;
    const nowhere = await stack.query(
      add,
      {
        input: { datasetId: id, siteId: "NO-SUCH-SITE", storageUrl: "https://evil.example.org", path: "/x" },
      },
      { as: "alice" },
    );
    expect(nowhere.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const outside = await stack.query(
      add,
      { input: { datasetId: id, siteId: "SARA-MATRIX", storageUrl: "https://evil.example.org", path: "/x" } },
      { as: "alice" },
    );
    expect(outside.errors?.[0]?.message).toMatch(/not a storage endpoint of SARA-MATRIX/);
    const real = await stack.query(
      add,
      {
        input: {
          datasetId: id,
          siteId: "SARA-MATRIX",
          storageUrl: "https://webdav.grid.surfsara.nl:2880",
          path: "/lofar/x",
        },
      },
      { as: "alice" },
    );
    expect(real.errors).toBeUndefined();
    // And a replica someone else's is not theirs to remove.
    const erik = await stack.query(
      `mutation($id: ID!) { deleteReplica(id: $id) { id } }`,
      { id: real.data.addReplica.replica.id },
      { as: "erik" },
    );
    expect(erik.errors?.[0]?.extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
  });

  it("keeps each VO's namespace its own", async () => {
    const erik = await stack.query(
      NEW,
      {
        input: input("/lofar/ops/not-eiscat", { vo: "vo.eiscat.se", community: "EISCAT", access: "PUBLIC" }),
      },
      { as: "erik" },
    );
    expect(erik.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(erik.errors?.[0]?.message).toMatch(/namespace of vo.eiscat.se/);
  });

  it("answers the same for a hidden dataset's name as for a free one in a place you may not write", async () => {
    // alice's PRIVATE dataset lives in her user area; sara (also LOFAR) cannot write there at all.
    const mine = await stack.query(
      NEW,
      { input: input("/lofar/user/demo-alice-lofar@egi.eu/secret", { access: "PRIVATE" }) },
      { as: "alice" },
    );
    expect(mine.errors).toBeUndefined();
    const taken = await stack.query(
      NEW,
      { input: input("/lofar/user/demo-alice-lofar@egi.eu/secret") },
      { as: "sara" },
    );
    const free = await stack.query(
      NEW,
      { input: input("/lofar/user/demo-alice-lofar@egi.eu/free") },
      { as: "sara" },
    );
    expect(taken.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(taken.errors?.[0]?.message).toBe(free.errors?.[0]?.message);
    const outsideUserArea = await stack.query(
      NEW,
      { input: input("/lofar/test/private", { access: "PRIVATE" }) },
      { as: "alice" },
    );
    expect(outsideUserArea.errors?.[0]?.message).toMatch(/user area/);
  });

  it("corrects and deletes with history, refusing to drop a dataset in use without saying so", async () => {
    const { data } = await stack.query(NEW, { input: input("/lofar/test/to-correct") }, { as: "alice" });
    const id = data.registerDataset.dataset.id;
    const fixed = await stack.query(
      `mutation($id: ID!) { updateDataset(id: $id, input: { title: "corrected title", sizeBytes: 20 }, reason: "typo") { dataset { title sizeBytes history { action changes reason actor } } } }`,
      { id },
      { as: "alice" },
    );
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data.updateDataset.dataset.title).toBe("corrected title");
    expect(fixed.data.updateDataset.dataset.history[0]).toMatchObject({
      action: "UPDATED",
      reason: "typo",
      actor: "demo-alice-lofar@egi.eu",
      changes: { title: { before: "test set", after: "corrected title" } },
    });
    const notYours = await stack.query(
      `mutation($id: ID!) { deleteDataset(id: $id) { id } }`,
      { id },
      { as: "sara" },
    );
    expect(notYours.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    await stack.query(
      `mutation($input: AddReplicaInput!) { addReplica(input: $input) { replica { id } } }`,
      {
        input: {
          datasetId: id,
          siteId: "SARA-MATRIX",
          storageUrl: "https://webdav.grid.surfsara.nl:2880",
          path: "/lofar/y",
        },
      },
      { as: "alice" },
    );
    const inUse = await stack.query(
      `mutation($id: ID!) { deleteDataset(id: $id) { id } }`,
      { id },
      { as: "alice" },
    );
    expect(inUse.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(inUse.errors?.[0]?.message).toMatch(/1 replica/);
    const forced = await stack.query(
      `mutation($id: ID!) { deleteDataset(id: $id, force: true) { id } }`,
      { id },
      { as: "alice" },
    );
    expect(forced.errors).toBeUndefined();
    const gone = await stack.query(`query($id: ID!) { dataset(id: $id) { id } }`, { id }, { as: "alice" });
    expect(gone.data.dataset).toBeNull();
  });

  it("refuses to submit a job reading a dataset that does not exist or is hidden, with the same words", async () => {
    const hidden = (
      await stack.query(
        `{ datasets(filter: { access: PRIVATE }, first: 1) { edges { node { id } } } }`,
        {},
        { as: "pat" },
      )
    ).data.datasets.edges[0].node.id;
    const job = (ids: string[]) =>
      stack.query(
        `mutation($input: SubmitJobInput!) { submitJob(input: $input) { job { id } } }`,
        { input: { name: "x", vo: "vo.eiscat.se", executable: "/bin/true", inputDatasetIds: ids } },
        { as: "erik" },
      );
    const a = await job([hidden]);
    const b = await job(["no-such-dataset"]);
    expect(a.errors?.[0]?.extensions?.code).toBe(b.errors?.[0]?.extensions?.code);
    expect(a.errors?.[0]?.message.replace(hidden, "X")).toBe(
      b.errors?.[0]?.message.replace("no-such-dataset", "X"),
    );
  });
});

describe("references to data are checked when they are written", () => {
  it("refuses to add a hidden or a missing dataset (or job) to a research object, with the same words", async () => {
    const hidden = (
      await stack.query(
        `{ datasets(filter: { access: PRIVATE, vo: "vo.lofar.eu" }, first: 1) { edges { node { id } } } }`,
        {},
        { as: "pat" },
      )
    ).data.datasets.edges[0].node.id;
    const ro = await stack.query(
      `mutation { createResearchObject(input: { title: "EISCAT paper", vo: "vo.eiscat.se", creators: [{ name: "Erik" }] }) { researchObject { id } } }`,
      {},
      { as: "erik" },
    );
    expect(ro.errors).toBeUndefined();
    const add = (datasetId: string) =>
      stack.query(
        `mutation($ro: ID!, $d: ID!) { addDatasetToResearchObject(researchObjectId: $ro, datasetId: $d) { researchObject { id } } }`,
        { ro: ro.data.createResearchObject.researchObject.id, d: datasetId },
        { as: "erik" },
      );
    const a = await add(hidden);
    const b = await add("no-such-dataset");
    expect(a.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(a.errors?.[0]?.message.replace(hidden, "X")).toBe(
      b.errors?.[0]?.message.replace("no-such-dataset", "X"),
    );
    const job = await stack.query(
      `mutation($ro: ID!) { addJobToResearchObject(researchObjectId: $ro, jobId: "no-such-job") { researchObject { id } } }`,
      { ro: ro.data.createResearchObject.researchObject.id },
      { as: "erik" },
    );
    expect(job.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    // A public dataset erik may see is accepted, and its page lists the research object.
    const visible = (
      await stack.query(
        `{ datasets(filter: { access: PUBLIC }, first: 1) { edges { node { id } } } }`,
        {},
        { as: "erik" },
      )
    ).data.datasets.edges[0].node.id;
    const ok = await add(visible);
    expect(ok.errors).toBeUndefined();
  });
});

describe("staging and transfers between the embedded storage endpoints", () => {
  it("stages a NEARLINE LOFAR dataset at PSNC, then transfers it to CYFRONET-LCG2 with the checksum verified", async () => {
    const [onTape] = await lofarAt("PSNC", "NEARLINE");
    expect(onTape).toBeDefined();
    const preview = await stack.query(
      `query($input: PreviewDataRequestInput!) { previewDataRequest(input: $input) { kind bytesTotal bytesToStage destinationSiteId files { needsStaging sourceSiteId bytes } } }`,
      { input: { kind: "STAGE", datasetIds: [onTape.id] } },
      { as: "alice" },
    );
    expect(preview.errors).toBeUndefined();
    expect(preview.data.previewDataRequest).toMatchObject({
      destinationSiteId: "PSNC",
      files: [{ needsStaging: true, sourceSiteId: "PSNC" }],
    });

    const staged = await stack.query(
      `mutation($input: DataRequestInput!) { stageDatasets(input: $input) { request { id state } } }`,
      { input: { datasetIds: [onTape.id] } },
      { as: "alice" },
    );
    expect(staged.errors).toBeUndefined();
    const stage = await waitForRequest(staged.data.stageDatasets.request.id);
    expect(stage.state).toBe("FINISHED");
    expect(stage.events.map((e: any) => e.state)).toEqual(expect.arrayContaining(["STAGING", "FINISHED"]));
    const psnc = (await lofarAt("PSNC", "ONLINE")).find((d: any) => d.id === onTape.id);
    expect(psnc).toBeDefined();

    const moved = await stack.query(
      `mutation($input: DataRequestInput!) { transferDatasets(input: $input) { request { id eventsPath } } }`,
      { input: { datasetIds: [onTape.id], siteId: "CYFRONET-LCG2" } },
      { as: "alice" },
    );
    expect(moved.errors).toBeUndefined();
    const { id, eventsPath } = moved.data.transferDatasets.request;
    const base = stack.gatewayUrl.replace(/\/graphql$/, "");
    const stream = await readEventStream(`${base}${eventsPath}`, await stack.tokenFor("alice"));
    expect(stream.events.at(-1)).toMatchObject({ event: "end" });
    const request = await waitForRequest(id);
    expect(request).toMatchObject({ state: "FINISHED", destinationSiteId: "CYFRONET-LCG2" });
    const [file] = request.files;
    expect(file.checksumActual).toBe(file.checksumExpected);
    expect(file.bytesDone).toBe(file.bytesTotal);
    const cyfronet = (await lofarAt("CYFRONET-LCG2", "ONLINE")).find((d: any) => d.id === onTape.id);
    const replica = cyfronet.replicas.find((r: any) => r.siteId.id === "CYFRONET-LCG2");
    expect(replica).toMatchObject({
      state: "ONLINE",
      checksum: file.checksumExpected,
      sizeBytes: file.bytesTotal,
    });
    // The bytes are really there, under the endpoint's folder.
    const root = stack.datasetsSettings.storageRoot;
    const copied = `${root}/CYFRONET-LCG2/se.cyf-kr.edu.pl_443${onTape.lfn}`;
    expect(fs.existsSync(copied)).toBe(true);
    expect(await adler32File(copied)).toBe(file.checksumExpected);

    const again = await stack.query(
      `mutation($input: DataRequestInput!) { transferDatasets(input: $input) { request { id } } }`,
      { input: { datasetIds: [onTape.id], siteId: "CYFRONET-LCG2" } },
      { as: "alice" },
    );
    expect(again.errors?.[0]?.message).toMatch(/already ONLINE at CYFRONET-LCG2/);
  });

  it("fails a corrupted source with the checksum reason, removes the copy and registers nothing", async () => {
    // A seeded dataset: its copy at SARA holds a stand-in file with a known ADLER32.
    const source = (await lofarAt("SARA-MATRIX", "ONLINE")).find((d: any) =>
      d.replicas.some((r: any) => r.siteId.id === "SARA-MATRIX" && r.state === "ONLINE" && r.checksum),
    );
    const root = stack.datasetsSettings.storageRoot;
    const { data } = await stack.query(
      `query($id: ID!) { dataset(id: $id) { replicas { siteId: site { id } storageUrl path state } } }`,
      { id: source.id },
      { as: "alice" },
    );
    // Every ONLINE copy rots, so whichever the request reads does not match the catalogue.
    for (const at of data.dataset.replicas.filter((r: any) => r.state === "ONLINE")) {
      fs.appendFileSync(localReplicaPath(root, at.siteId.id, at.storageUrl, at.path)!, "bit rot");
    }
    const moved = await stack.query(
      `mutation($input: DataRequestInput!) { transferDatasets(input: $input) { request { id } } }`,
      { input: { datasetIds: [source.id], siteId: "CYFRONET-LCG2" } },
      { as: "alice" },
    );
    expect(moved.errors).toBeUndefined();
    const request = await waitForRequest(moved.data.transferDatasets.request.id);
    expect(request.state).toBe("FAILED");
    expect(request.files[0]).toMatchObject({ state: "FAILED", attempts: 3, replicaId: null });
    expect(request.files[0].lastError).toMatch(/checksum mismatch/);
    expect(request.events.filter((e: any) => /trying again/.test(e.message))).toHaveLength(2);
    const after = await stack.query(
      `query($id: ID!) { dataset(id: $id) { replicas { site { id } } } }`,
      { id: source.id },
      { as: "alice" },
    );
    expect(after.data.dataset.replicas.map((r: any) => r.site.id)).not.toContain("CYFRONET-LCG2");
    expect(fs.existsSync(`${root}/CYFRONET-LCG2/se.cyf-kr.edu.pl_443${source.lfn}`)).toBe(false);
  });

  it("refuses what cannot be done, with the reason", async () => {
    const [someLofar] = await lofarAt("SARA-MATRIX", "ONLINE");
    const transfer = (input: Record<string, unknown>, as = "alice") =>
      stack.query(
        `mutation($input: DataRequestInput!) { transferDatasets(input: $input) { request { id } } }`,
        { input },
        { as },
      );
    const sameplace = await transfer({ datasetIds: [someLofar.id], siteId: "SARA-MATRIX" });
    expect(sameplace.errors?.[0]?.message).toMatch(/already ONLINE at SARA-MATRIX/);
    const notServed = await transfer({ datasetIds: [someLofar.id], siteId: "NDGF-T1" });
    expect(notServed.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|BAD_USER_INPUT/);
    const notMember = await transfer({ datasetIds: [someLofar.id], siteId: "CYFRONET-LCG2" }, "erik");
    expect(notMember.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    const unknown = await transfer({ datasetIds: ["no-such-dataset"], siteId: "CYFRONET-LCG2" });
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("npm run data -- transfer --follow prints each event and the verified result, exiting 0", async () => {
    const candidates = (await lofarAt("SARA-MATRIX", "ONLINE")).filter(
      (d: any) =>
        d.replicas.some((r: any) => r.siteId.id === "SARA-MATRIX" && r.checksum) &&
        !d.replicas.some((r: any) => r.siteId.id === "CYFRONET-LCG2"),
    );
    const dataset = candidates.at(-1);
    const chunks: string[] = [];
    const out = {
      write: (c: string | Uint8Array) => chunks.push(String(c)),
    } as unknown as NodeJS.WritableStream;
    const err = { write: () => true } as unknown as NodeJS.WritableStream;
    process.env.GRIDGRAPH_TOKEN = await stack.tokenFor("alice");
    try {
      const code = await runDataCommand(
        ["transfer", dataset.id, "--to", "CYFRONET-LCG2", "--follow", "--gateway", stack.gatewayUrl],
        out,
        err,
      );
      const printed = chunks.join("");
      expect(code).toBe(0);
      expect(printed).toMatch(/Copying from [A-Z0-9-]+ to CYFRONET-LCG2 \(attempt 1 of 3, builtin engine\)/);
      expect(printed).toMatch(/state: FINISHED/);
      expect(printed).toMatch(/adler32:[0-9a-f]{8} verified/);
      const bad = await runDataCommand(
        ["status", "00000000-0000-0000-0000-000000000000", "--gateway", stack.gatewayUrl],
        out,
        err,
      ).catch((e: Error) => e.message);
      expect(bad).toMatch(/does not exist/);
    } finally {
      delete process.env.GRIDGRAPH_TOKEN;
    }
  });

  it("a job whose input is on tape waits in STAGING for the recall, then runs at that site and reads it", async () => {
    // An input only on PSNC's tape: placed at PSNC, the job waits for the recall there.
    const [onTape] = (await lofarAt("PSNC", "NEARLINE"))
      .filter((d: any) => !d.replicas.some((r: any) => r.state === "ONLINE"))
      .slice(-1);
    const { data, errors } = await stack.query(
      `mutation($input: SubmitJobInput!) { submitJob(input: $input) { job { id status dataRequestIds } } }`,
      {
        input: shellJob(
          `test -s "${onTape.lfn.split("/").pop()}" && wc -c < "${onTape.lfn.split("/").pop()}"`,
          {
            siteId: "PSNC",
            inputs: [onTape.id],
          },
        ),
      },
      { as: "alice" },
    );
    expect(errors).toBeUndefined();
    expect(data.submitJob.job.status).toBe("STAGING");
    const job = await waitForJob(stack, data.submitJob.job.id, final);
    const { data: after } = await stack.query(
      `query($id: ID!) { job(id: $id) { status exitCode dataRequestIds events { status message } stdout { text } } }`,
      { id: job.id },
      { as: "alice" },
    );
    expect(after.job).toMatchObject({ status: "COMPLETED", exitCode: 0 });
    expect(after.job.dataRequestIds).toHaveLength(1);
    const statuses = after.job.events.map((e: any) => e.status);
    expect(statuses.indexOf("STAGING")).toBeLessThan(statuses.lastIndexOf("SUBMITTED"));
    expect(after.job.events.some((e: any) => /Data request .*recall from tape/.test(e.message))).toBe(true);
    const request = await waitForRequest(after.job.dataRequestIds[0]);
    expect(request).toMatchObject({ kind: "STAGE", state: "FINISHED" });
    expect(Number(after.job.stdout.text.trim())).toBe(request.files[0].bytesDone);
  });

  it("takes up a transfer the datasets service stopped in the middle of, once it is back", async () => {
    // A 512 MB copy at SARA, so the transfer is under way when the service stops.
    const bytes = 512 * 1024 * 1024;
    const rel = "/lofar/test/restart/big.ms";
    const file = `${stack.datasetsSettings.storageRoot}/SARA-MATRIX/webdav.grid.surfsara.nl_2880${rel}`;
    fs.mkdirSync(file.replace(/\/[^/]+$/, ""), { recursive: true });
    const out = fs.openSync(file, "w");
    const block = Buffer.alloc(4 << 20, 7);
    for (let done = 0; done < bytes; done += block.length) fs.writeSync(out, block);
    fs.closeSync(out);
    const checksum = await adler32File(file);
    const reg = await stack.query(
      `mutation($input: RegisterDatasetInput!) { registerDataset(input: $input) { dataset { id } } }`,
      {
        input: {
          lfn: "/lofar/test/restart/big.ms",
          title: "big",
          community: "LOFAR",
          instrument: "LOFAR HBA",
          level: "L2",
          productType: "visibilities",
          format: "MeasurementSet",
          sizeBytes: bytes,
          checksum,
          vo: "vo.lofar.eu",
        },
      },
      { as: "alice" },
    );
    const id = reg.data.registerDataset.dataset.id;
    const rep = await stack.query(
      `mutation($input: AddReplicaInput!) { addReplica(input: $input) { replica { id } } }`,
      {
        input: {
          datasetId: id,
          siteId: "SARA-MATRIX",
          storageUrl: "https://webdav.grid.surfsara.nl:2880",
          path: rel,
          sizeBytes: bytes,
          checksum,
        },
      },
      { as: "alice" },
    );
    expect(rep.errors).toBeUndefined();
    const moved = await stack.query(
      `mutation($input: DataRequestInput!) { transferDatasets(input: $input) { request { id } } }`,
      { input: { datasetIds: [id], siteId: "CYFRONET-LCG2" } },
      { as: "alice" },
    );
    const requestId = moved.data.transferDatasets.request.id;
    for (;;) {
      const { data } = await stack.query(
        `query($id: ID!) { dataRequest(id: $id) { files { state } } }`,
        { id: requestId },
        { as: "alice" },
      );
      const state = data.dataRequest.files[0].state;
      if (state !== "SUBMITTED") {
        expect(state).toBe("ACTIVE"); // not already over: the stop must come mid-copy
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    await stack.stopSubgraph("datasets");
    await stack.startSubgraphAgain("datasets");
    const request = await waitForRequest(requestId);
    expect(request.state).toBe("FINISHED");
    expect(request.files[0]).toMatchObject({
      state: "FINISHED",
      attempts: 1,
      checksumActual: checksum,
      bytesDone: bytes,
    });
    const messages = request.events.map((e: any) => e.message);
    expect(messages.some((m: string) => /Interrupted: the datasets service stopped/.test(m))).toBe(true);
    expect(messages.filter((m: string) => /^Copying from SARA-MATRIX/.test(m))).toHaveLength(2);
    fs.rmSync(file, { force: true });
    fs.rmSync(`${stack.datasetsSettings.storageRoot}/CYFRONET-LCG2/se.cyf-kr.edu.pl_443${rel}`, {
      force: true,
    });
  });
});
