import { startStack, type Stack } from "../scripts/in-process-stack";
import { final, waitForJob } from "./support/jobs";
import { jupyterMissing } from "./support/jupyter";
import { executeInKernel } from "../scripts/notebook";

/**
 * Notebooks as batch jobs (issue 12) through the gateway as alice, run by real nbclient on
 * Debian's python3 kernel: a parameterised notebook over three datasets (one job each), the
 * executed notebooks and what they wrote registered with provenance; a failing cell named in
 * the job's events; bad notebooks and parameters refused with every problem.
 */
const missing = jupyterMissing();
if (missing) console.warn(`notebook tests skipped: ${missing}`);
const describeWithJupyter = missing ? describe.skip : describe;

const cell = (source: string, tags: string[] = []) => ({
  cell_type: "code",
  metadata: tags.length ? { tags } : {},
  source,
  outputs: [],
  execution_count: null,
});
const notebook = (cells: object[]) =>
  JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "python3", display_name: "Python 3", language: "python" } },
    cells: [{ cell_type: "markdown", metadata: {}, source: "# Stand-in sizes\n" }, ...cells],
  });

const SIZES = notebook([
  cell('label = "default"\nscale = 1', ["parameters"]),
  cell(
    [
      "import gridgraph, os",
      "rows = []",
      "for d in gridgraph.datasets():",
      "    size = len(open(d['path'], 'rb').read())",
      "    rows.append(f\"{d['lfn']} {size * scale} {label}\")",
      "print('\\n'.join(rows))",
      "with open(gridgraph.output('sizes.txt'), 'w') as f:",
      "    f.write('\\n'.join(rows) + '\\n')",
    ].join("\n"),
  ),
]);

const RUN = `mutation($input: RunNotebookInput!) { runNotebook(input: $input) {
  jobs { id name status inputs { id } } collection { id name jobs { totalCount } } } }`;
const DONE = `query($id: ID!) { job(id: $id) { id status statusReason events { status message }
  outputs { id lfn sizeBytes derivedFrom { id } producedBy { id } replicas { site { id } } } } }`;

let stack: Stack;
let datasets: { id: string; lfn: string }[];
beforeAll(async () => {
  if (missing) return;
  stack = await startStack({ seed: true });
  const { data } = await stack.query(
    `{ datasets(filter: { community: LOFAR, siteIds: ["SARA-MATRIX"], replicaStates: [ONLINE] }, first: 3) { edges { node { id lfn } } } }`,
    {},
    { as: "alice" },
  );
  datasets = data.datasets.edges.map((e: any) => e.node);
  expect(datasets).toHaveLength(3);
});
afterAll(() => stack?.stop());

async function finished(id: string) {
  await waitForJob(stack, id, (j) => final(j) && (j.status !== "COMPLETED" || j.outputs.length > 0));
  const { data } = await stack.query(DONE, { id }, { as: "alice" });
  return data.job;
}

async function bytesOf(datasetId: string): Promise<string> {
  const { data } = await stack.query(
    `query($id: ID!) { dataset(id: $id) { replicas { storageUrl path site { id } } } }`,
    { id: datasetId },
    { as: "alice" },
  );
  const { localReplicaPath } = await import("@gridgraph/kit");
  const r = data.dataset.replicas[0];
  const fs = await import("node:fs");
  return fs.readFileSync(
    localReplicaPath(stack.jobsSettings.storageRoot, r.site.id, r.storageUrl, r.path)!,
    "utf8",
  );
}

describeWithJupyter("runNotebook", () => {
  it("runs a parameterised notebook once per dataset and registers the executed notebooks with provenance", async () => {
    const { data, errors } = await stack.query(
      RUN,
      {
        input: {
          vo: "vo.lofar.eu",
          notebook: SIZES,
          parameters: { label: "run-1", scale: 2 },
          datasetIds: datasets.map((d) => d.id),
          perDataset: true,
          siteId: "SARA-MATRIX",
        },
      },
      { as: "alice" },
    );
    expect(errors).toBeUndefined();
    const { jobs, collection } = data.runNotebook;
    expect(collection).toMatchObject({ name: "Stand-in sizes", jobs: { totalCount: 3 } });
    expect(jobs.map((j: any) => j.inputs.map((i: any) => i.id))).toEqual(datasets.map((d) => [d.id]));
    for (const [i, submitted] of jobs.entries()) {
      const job = await finished(submitted.id);
      expect(job.status).toBe("COMPLETED");
      const names = job.outputs.map((o: any) => o.lfn.split("/").slice(-1)[0]).sort();
      expect(names).toEqual(["executed.ipynb", "sizes.txt"]);
      for (const output of job.outputs) {
        expect(output.derivedFrom.map((d: any) => d.id)).toEqual([datasets[i].id]);
        expect(output.producedBy.id).toBe(job.id);
      }
      const executed = JSON.parse(
        await bytesOf(job.outputs.find((o: any) => o.lfn.endsWith("executed.ipynb")).id),
      );
      const injected = executed.cells.find((c: any) => c.metadata?.tags?.includes("injected-parameters"));
      expect([].concat(injected.source).join("")).toContain('label = "run-1"');
      const printed = executed.cells
        .at(-1)
        .outputs.map((o: any) => [].concat(o.text ?? []).join(""))
        .join("");
      expect(printed).toContain(`${datasets[i].lfn} `);
      expect(printed).toContain(" run-1");
      const sizes = await bytesOf(job.outputs.find((o: any) => o.lfn.endsWith("sizes.txt")).id);
      expect(sizes.trim()).toBe(printed.trim());
    }
  });

  it("runs a notebook held by a dataset, which its outputs then derive from too", async () => {
    const first = await stack.query(
      RUN,
      { input: { vo: "vo.lofar.eu", notebook: SIZES, datasetIds: [datasets[0].id], siteId: "SARA-MATRIX" } },
      { as: "alice" },
    );
    const done = await finished(first.data.runNotebook.jobs[0].id);
    const held = done.outputs.find((o: any) => o.lfn.endsWith("executed.ipynb"));
    const { data, errors } = await stack.query(
      RUN,
      {
        input: {
          vo: "vo.lofar.eu",
          notebookDatasetId: held.id,
          parameters: { label: "from-dataset" },
          datasetIds: [datasets[1].id],
          siteId: "SARA-MATRIX",
        },
      },
      { as: "alice" },
    );
    expect(errors).toBeUndefined();
    const job = await finished(data.runNotebook.jobs[0].id);
    expect(job.status).toBe("COMPLETED");
    for (const output of job.outputs)
      expect(output.derivedFrom.map((d: any) => d.id).sort()).toEqual([datasets[1].id, held.id].sort());
  });

  it("names the cell that failed in the job's events", async () => {
    const broken = notebook([cell("x = 1"), cell("y = x / 0")]);
    const { data } = await stack.query(
      RUN,
      { input: { vo: "vo.lofar.eu", notebook: broken, siteId: "SARA-MATRIX" } },
      { as: "alice" },
    );
    const job = await finished(data.runNotebook.jobs[0].id);
    expect(job.status).toBe("FAILED");
    const failed = job.events.find((e: any) => e.status === "FAILED");
    expect(failed.message).toContain("Cell 3 failed: ZeroDivisionError: division by zero");
  });

  it("reports a kernel that died in the job's events", async () => {
    const dying = notebook([cell("import os\nos._exit(1)")]);
    const { data } = await stack.query(
      RUN,
      { input: { vo: "vo.lofar.eu", notebook: dying, siteId: "SARA-MATRIX" } },
      { as: "alice" },
    );
    const job = await finished(data.runNotebook.jobs[0].id);
    expect(job.status).toBe("FAILED");
    expect(job.events.find((e: any) => e.status === "FAILED").message).toMatch(/The kernel died/);
  });

  it("refuses a notebook that is not one, and parameters it does not take, with every problem", async () => {
    const bad = await stack.query(
      RUN,
      { input: { vo: "vo.lofar.eu", notebook: "{ not json", parameters: { x: 1 } } },
      { as: "alice" },
    );
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0].message).toMatch(/not JSON/);
    const unknown = await stack.query(
      RUN,
      { input: { vo: "vo.lofar.eu", notebook: SIZES, parameters: { labl: "x", scale: 3, colour: "red" } } },
      { as: "alice" },
    );
    const fields = unknown.errors?.[0].extensions?.problems.map((p: any) => p.field);
    expect(fields).toEqual(["parameters.labl", "parameters.colour"]);
    expect(unknown.errors?.[0].message).toContain("it has label, scale");
    const both = await stack.query(
      RUN,
      { input: { vo: "vo.lofar.eu", notebook: SIZES, notebookDatasetId: datasets[0].id } },
      { as: "alice" },
    );
    expect(both.errors?.[0].extensions?.field).toBe("notebook");
    const noSession = await stack.query(RUN, { input: { vo: "vo.lofar.eu", notebook: SIZES } });
    expect(noSession.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describeWithJupyter("notebook sessions", () => {
  const START = `mutation($input: StartNotebookSessionInput!) { startNotebookSession(input: $input) { job { id status notebookPath site { id } } } }`;

  /** Waits until the session's server answers through the gateway. */
  async function ready(path: string, token: string) {
    for (let i = 0; i < 300; i++) {
      const response = await fetch(`${base()}${path}api/status`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status === 200) return;
      if (response.status !== 503) throw new Error(`${response.status} ${await response.text()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("the session did not start");
  }
  const base = () => stack.gatewayUrl.replace(/\/graphql$/, "");

  it("starts a session where the data is, reached through the gateway by its owner only, and keeps what it registered", async () => {
    const token = await stack.tokenFor("alice");
    const { data, errors } = await stack.query(
      START,
      { input: { vo: "vo.lofar.eu", datasetIds: [datasets[0].id], idleTimeoutSeconds: 600 } },
      { as: "alice" },
    );
    expect(errors).toBeUndefined();
    const session = data.startNotebookSession.job;
    // Where the data is: a site holding an ONLINE replica of the session's dataset.
    const { data: where } = await stack.query(
      `query($id: ID!) { dataset(id: $id) { replicas { state site { id } } } }`,
      { id: datasets[0].id },
      { as: "alice" },
    );
    const holding = where.dataset.replicas
      .filter((r: any) => r.state === "ONLINE")
      .map((r: any) => r.site.id);
    expect(holding).toContain(session.site.id);
    expect(session.notebookPath).toBe(`/notebooks/${session.id}/`);
    await ready(session.notebookPath, token);

    const specs: any = await (
      await fetch(`${base()}${session.notebookPath}api/kernelspecs`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    expect(Object.keys(specs.kernelspecs)).toContain("python3");

    // Nobody else: another user is refused, an anonymous caller too, and neither reaches Jupyter.
    const erik = await fetch(`${base()}${session.notebookPath}api/status`, {
      headers: { authorization: `Bearer ${await stack.tokenFor("erik")}` },
    });
    expect([403, 404]).toContain(erik.status);
    expect((await fetch(`${base()}${session.notebookPath}api/status`)).status).toBe(401);
    // lars may see the job (he manages vo.lofar.eu) but it is not his session.
    const lars = await fetch(`${base()}${session.notebookPath}api/status`, {
      headers: { authorization: `Bearer ${await stack.tokenFor("lars")}` },
    });
    expect(lars.status).toBe(403);

    // A first request with the token leaves a cookie a browser can use for the rest.
    const first = await fetch(`${base()}${session.notebookPath}api/status`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const cookie = first.headers.getSetCookie().find((c) => c.startsWith("gg_notebook_token="))!;
    expect(cookie).toMatch(/gg_notebook_token=.*; Path=\/notebooks\/; HttpOnly; SameSite=Strict/);
    const withCookie = await fetch(`${base()}${session.notebookPath}api/status`, {
      headers: { cookie: cookie.split(";")[0] },
    });
    expect(withCookie.status).toBe(200);

    const kernel: any = await (
      await fetch(`${base()}${session.notebookPath}api/kernels`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "python3" }),
      })
    ).json();
    const channels = `${base().replace(/^http/, "ws")}${session.notebookPath}api/kernels/${kernel.id}/channels`;
    const ran = await executeInKernel(
      channels,
      token,
      [
        "import gridgraph",
        "d = gridgraph.datasets()[0]",
        "data = open(d['path'], 'rb').read()",
        "print(d['lfn'], len(data))",
        "open('summary.txt', 'w').write(f\"{d['lfn']} {len(data)}\\n\")",
        "gridgraph.register('summary.txt')",
      ].join("\n"),
    );
    expect(ran.status).toBe("ok");
    expect(ran.text).toContain(datasets[0].lfn);

    const stopped = await stack.query(
      `mutation($id: ID!) { stopNotebookSession(id: $id) { job { id } } }`,
      { id: session.id },
      { as: "alice" },
    );
    expect(stopped.errors).toBeUndefined();
    const done = await finished(session.id);
    expect(done.status).toBe("COMPLETED");
    expect(done.outputs.map((o: any) => o.lfn.split("/").at(-1))).toEqual(["summary.txt"]);
    expect(done.outputs[0].derivedFrom.map((d: any) => d.id)).toEqual([datasets[0].id]);
    expect((await bytesOf(done.outputs[0].id)).startsWith(datasets[0].lfn)).toBe(true);
    expect(
      (
        await fetch(`${base()}${session.notebookPath}api/status`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(503);
  });

  it("refuses erik's stopping alice's session", async () => {
    const { data } = await stack.query(
      START,
      { input: { vo: "vo.lofar.eu", idleTimeoutSeconds: 600 } },
      { as: "alice" },
    );
    const id = data.startNotebookSession.job.id;
    const { errors } = await stack.query(
      `mutation($id: ID!) { stopNotebookSession(id: $id) { job { id } } }`,
      { id },
      { as: "erik" },
    );
    expect(["FORBIDDEN", "NOT_FOUND"]).toContain(errors?.[0].extensions?.code);
    await stack.query(
      `mutation($id: ID!) { stopNotebookSession(id: $id) { job { id } } }`,
      { id },
      { as: "alice" },
    );
    expect((await waitForJob(stack, id, final)).status).toMatch(/COMPLETED|CANCELLED/);
  });
});
