import { Dataset } from "../subgraphs/datasets/src/entities";
import { Job, JobEvent } from "../subgraphs/jobs/src/entities";
import { seedsByService } from "../seeds/load";
import { startStack, type Stack } from "../scripts/in-process-stack";

const REGISTER = `mutation($input: RegisterDatasetInput!) { registerDataset(input: $input) { dataset { id lfn level derivedFrom { id } } } }`;

function datasetInput(overrides: Record<string, unknown> = {}) {
  return {
    lfn: `/lofar/test/${Math.random().toString(36).slice(2)}`,
    title: "Test calibrated visibilities",
    community: "LOFAR",
    instrument: "LOFAR HBA",
    level: "L2",
    productType: "calibrated visibilities",
    format: "MeasurementSet",
    sizeBytes: 5_000_000_000_000,
    vo: "vo.lofar.eu",
    ...overrides,
  };
}

/**
 * Writes through the gateway as alice (a vo.lofar.eu member); only the sites registry is
 * seeded (a replica must be at a real site's storage endpoint): each test makes its own data.
 */
describe("writing through the graph", () => {
  let stack: Stack;
  const asAlice = (query: string, variables?: Record<string, unknown>) =>
    stack.query(query, variables, { as: "alice" });
  beforeAll(async () => {
    stack = await startStack();
    await seedsByService.sites(stack.em("sites") as never);
  });
  afterAll(() => stack?.stop());

  it("registers a dataset, a replica, a job reading it and a research object, and joins them", async () => {
    const raw = await asAlice(REGISTER, { input: datasetInput({ level: "L1" }) });
    expect(raw.errors).toBeUndefined();
    const reg = await asAlice(REGISTER, {
      input: datasetInput({ derivedFrom: [raw.data.registerDataset.dataset.id], sizeBytes: 2 ** 45 }),
    });
    expect(reg.errors).toBeUndefined();
    const dataset = reg.data.registerDataset.dataset;
    expect(dataset.derivedFrom).toEqual([{ id: raw.data.registerDataset.dataset.id }]);

    const replica = await asAlice(
      `mutation($input: AddReplicaInput!) { addReplica(input: $input) { replica { state site { id } dataset { id } } } }`,
      {
        input: {
          datasetId: dataset.id,
          siteId: "SARA-MATRIX",
          storageUrl: "https://webdav.grid.surfsara.nl:2880",
          path: "/lofar/test",
        },
      },
    );
    expect(replica.errors).toBeUndefined();
    expect(replica.data.addReplica.replica).toEqual({
      state: "ONLINE",
      site: { id: "SARA-MATRIX" },
      dataset: { id: dataset.id },
    });

    const job = await asAlice(
      `mutation($input: SubmitJobInput!) { submitJob(input: $input) { job { id status cores memoryMb events { status message } inputs { id lfn } } } }`,
      {
        input: {
          name: "LINC target",
          vo: "vo.lofar.eu",
          executable: "linc_target.cwl",
          cores: 16,
          memoryMb: 64000,
          wallTimeSeconds: 36 * 3600,
          inputs: [dataset.id],
          // No site offers this software: the job is recorded HELD rather than refused.
          requiredSoftware: ["NoSuchPipeline/9.9"],
          holdIfNoPlacement: true,
        },
      },
    );
    expect(job.errors).toBeUndefined();
    const submitted = job.data.submitJob.job;
    expect(submitted).toMatchObject({ status: "HELD", cores: 16, memoryMb: 64000 });
    expect(submitted.events).toEqual([
      { status: "SUBMITTED", message: expect.stringMatching(/^Submitted by /) },
      { status: "HELD", message: expect.stringMatching(/fits nowhere/) },
    ]);
    expect(submitted.inputs).toEqual([{ id: dataset.id, lfn: dataset.lfn }]); // resolved by the datasets subgraph

    const ro = await asAlice(
      `mutation { createResearchObject(input: { title: "Test RO", vo: "vo.lofar.eu",
          creators: [{ name: "Josiah Carberry", orcid: "0000-0002-1825-0097" }] }) { researchObject { id state } } }`,
    );
    expect(ro.errors).toBeUndefined();
    const roId = ro.data.createResearchObject.researchObject.id;
    for (const m of [
      `addDatasetToResearchObject(researchObjectId: "${roId}", datasetId: "${dataset.id}") { researchObject { id } }`,
      `addDatasetToResearchObject(researchObjectId: "${roId}", datasetId: "${dataset.id}") { researchObject { id } }`,
      `addJobToResearchObject(researchObjectId: "${roId}", jobId: "${submitted.id}") { researchObject { id } }`,
      `addExternalResource(researchObjectId: "${roId}", input: { url: "https://doi.org/10.1051/0004-6361/202142484", resourceType: PAPER, title: "LoTSS-DR2" }) { researchObject { id } }`,
    ]) {
      const res = await asAlice(`mutation { ${m} }`);
      expect(res.errors).toBeUndefined();
    }

    const joined = await asAlice(`{
      dataset(id: "${dataset.id}") {
        replicas { site { id } }
        consumedBy { totalCount edges { node { id researchObjects { totalCount } } } }
        researchObjects { edges { node { title datasets { id lfn } jobs { id status } externalResources { url resourceType } } } }
      }
    }`);
    expect(joined.errors).toBeUndefined();
    const d = joined.data.dataset;
    expect(d.consumedBy.totalCount).toBe(1);
    expect(d.consumedBy.edges[0].node.researchObjects.totalCount).toBe(1);
    const node = d.researchObjects.edges[0].node;
    expect(node.datasets).toEqual([{ id: dataset.id, lfn: dataset.lfn }]); // added twice, aggregated once
    expect(node.jobs).toEqual([{ id: submitted.id, status: "HELD" }]);
    expect(node.externalResources).toEqual([
      { url: "https://doi.org/10.1051/0004-6361/202142484", resourceType: "PAPER" },
    ]);
  });

  it("refuses bad input with BAD_USER_INPUT and writes nothing", async () => {
    const before = await stack.em("datasets").count(Dataset, {});
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ title: "" }, /title/],
      [{ lfn: "relative/path" }, /lfn must be an absolute logical file name/],
      [{ sizeBytes: -1 }, /sizeBytes/],
      [{ derivedFrom: ["no-such-dataset"] }, /'derivedFrom' names unknown datasets: no-such-dataset/],
      [
        { observation: { startTime: "2024-01-02T00:00:00Z", endTime: "2024-01-01T00:00:00Z" } },
        /endTime' must not be before/,
      ],
    ];
    for (const [overrides, message] of bad) {
      const res = await asAlice(REGISTER, { input: datasetInput(overrides) });
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.message).toMatch(message);
    }
    expect(await stack.em("datasets").count(Dataset, {})).toBe(before);

    const jobsBefore = await stack.em("jobs").count(Job, {});
    const eventsBefore = await stack.em("jobs").count(JobEvent, {});
    const badJob = await asAlice(
      `mutation { submitJob(input: { name: "x", vo: "vo.lofar.eu", executable: "run.sh", cores: 0 }) { job { id } } }`,
    );
    expect(badJob.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(badJob.errors?.[0]?.message).toMatch(/cores/);
    expect(await stack.em("jobs").count(Job, {})).toBe(jobsBefore);
    expect(await stack.em("jobs").count(JobEvent, {})).toBe(eventsBefore);
  });

  it("answers CONFLICT for a second dataset with the same logical file name, keeping the first", async () => {
    const input = datasetInput();
    const first = await asAlice(REGISTER, { input });
    expect(first.errors).toBeUndefined();
    const second = await asAlice(REGISTER, { input: { ...input, title: "Another title" } });
    expect(second.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(second.errors?.[0]?.message).toContain(input.lfn);
    const rows = await stack.em("datasets").find(Dataset, { lfn: input.lfn });
    expect(rows.map((r) => r.title)).toEqual([input.title]);
  });

  it("answers NOT_FOUND when a mutation names something that does not exist", async () => {
    const res = await asAlice(
      `mutation { addReplica(input: { datasetId: "missing", siteId: "PSNC", storageUrl: "https://x.example.org", path: "/p" }) { replica { id } } }`,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(res.errors?.[0]?.message).toMatch(/Dataset 'missing' does not exist/);
    const ro = await asAlice(
      `mutation { addJobToResearchObject(researchObjectId: "missing", jobId: "j") { researchObject { id } } }`,
    );
    expect(ro.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});
