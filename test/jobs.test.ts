import fs from "node:fs";
import path from "node:path";
import {
  AssertionVerifier,
  createLogger,
  DelegationSigner,
  generateDelegationKeys,
  startSubgraph,
  type RunningSubgraph,
} from "@gridgraph/kit";
import http from "node:http";
import os from "node:os";
import { PassThrough } from "node:stream";
import { startStack, type Stack } from "../scripts/in-process-stack";
import { runJobCommand } from "../scripts/job";
import { jobsSubgraph } from "../subgraphs/jobs/src/schema";
import { final, lofarInputAtSara, readEventStream, shellJob, SUBMIT, waitForJob } from "./support/jobs";
import type { JobsRuntime } from "../subgraphs/jobs/src/runtime";

describe("jobs that really run (local executor, through the gateway)", () => {
  let stack: Stack;
  let input: { id: string; lfn: string };
  beforeAll(async () => {
    stack = await startStack({ seed: true });
    input = await lofarInputAtSara(stack);
  });
  afterAll(() => stack?.stop());

  it("places the README's LOFAR job without a site, runs it, and registers its output as a dataset", async () => {
    const { data, errors } = await stack.query(
      SUBMIT,
      {
        input: {
          name: "LINC calibration",
          vo: "vo.lofar.eu",
          executable: "/bin/sh",
          arguments: [
            "-c",
            'echo "calibrating $GRIDGRAPH_JOB_ID"; cat inputs.json | head -c 200 > result.txt; echo done',
          ],
          cores: 16,
          memoryMb: 65536,
          wallTimeSeconds: 129600,
          requiredSoftware: ["LINC/>=5.0"],
          inputs: [input.id],
          outputs: ["result.txt"],
        },
      },
      { as: "alice" },
    );
    expect(errors).toBeUndefined();
    const submitted = data.submitJob.job;
    expect(submitted.site.id).toBe("SARA-MATRIX");
    expect(submitted.backend).toBe("local");
    expect(submitted.placementReasons.map((r: any) => r.code)).toEqual(
      expect.arrayContaining(["BASE", "DATA_LOCAL"]),
    );
    const job = await waitForJob(stack, submitted.id, (j) => final(j) && j.outputs.length > 0);
    expect(job.status).toBe("COMPLETED");
    expect(job.exitCode).toBe(0);
    expect(job.stdout.text).toContain(`calibrating ${job.id}`);
    const statuses = job.events.map((e: any) => e.status);
    expect(statuses[0]).toBe("SUBMITTED");
    expect(statuses).toEqual(expect.arrayContaining(["QUEUED", "RUNNING", "COMPLETED"]));
    expect(job.events.map((e: any) => e.seq)).toEqual(job.events.map((_: any, i: number) => i + 1));
    const [output] = job.outputs;
    expect(output.lfn).toBe(`/lofar/jobs/${job.id}/result.txt`);
    expect(output.derivedFrom.map((d: any) => d.id)).toEqual([input.id]);
    expect(output.producedBy.id).toBe(job.id);
    expect(output.checksum).toMatch(/^adler32:[0-9a-f]{8}$/);
    expect(output.replicas).toEqual([
      expect.objectContaining({ state: "ONLINE", site: { id: "SARA-MATRIX" } }),
    ]);
  });
});

describe("a JDL's InputData as data locality (placementForJdl asks the catalogue as the caller)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: true });
  });
  afterAll(() => stack?.stop());

  const place = (jdl: string, as?: string) =>
    stack.query(
      `query($jdl: String!) { placementForJdl(jdl: $jdl, vo: "vo.lofar.eu", first: 50) {
        warnings requirements { dataSites } placement { candidates { site { id } reasons { code } } } } }`,
      { jdl },
      as ? { as } : {},
    );

  it("favours the sites holding the files, says which files it could not find, and asks logged-out callers to log in", async () => {
    const input = await lofarInputAtSara(stack);
    const jdl = `[ Executable = "run.sh"; InputData = {"LFN:${input.lfn}", "LFN:/lofar/no/such/file"}; CPUTime = 3600; ]`;
    const { data, errors } = await place(jdl, "alice");
    expect(errors).toBeUndefined();
    const result = data.placementForJdl;
    expect(result.requirements.dataSites).toContain("SARA-MATRIX");
    const sara = result.placement.candidates.find((c: any) => c.site.id === "SARA-MATRIX");
    expect(sara.reasons.map((r: any) => r.code)).toContain("DATA_LOCAL");
    expect(result.warnings.join(" ")).toMatch(
      /1 of 2 file\(s\) are not in the catalogue or not visible to you \(\/lofar\/no\/such\/file\)/,
    );
    const anonymous = await place(jdl);
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data.placementForJdl.requirements.dataSites).toEqual([]);
    expect(anonymous.data.placementForJdl.warnings.join(" ")).toMatch(
      /log in to have the sites holding them count/,
    );
  });

  it("gives each job of a parametric JDL its own InputData (Parameters.InputData, as DIRAC's testWF.jdl)", async () => {
    const input = await lofarInputAtSara(stack);
    const jdl = `Executable = "/bin/true"; JobName = "part_%n"; InputData = %(InputData)s;
      Parameters = 2; Parameters.InputData = { {"LFN:${input.lfn}"}, {} };
      Site = "LCG.SARA-MATRIX.nl"; CPUTime = 600;`;
    const { data, errors } = await stack.query(
      `mutation($input: SubmitJobJdlInput!) { submitJobJdl(input: $input) { jobs { name inputs { id } } } }`,
      { input: { jdl, vo: "vo.lofar.eu" } },
      { as: "alice" },
    );
    expect(errors).toBeUndefined();
    expect(data.submitJobJdl.jobs).toEqual([
      { name: "part_0", inputs: [{ id: input.id }] },
      { name: "part_1", inputs: [] },
    ]);
  });
});

describe("delegated calls at the gateway", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it("refuses a delegation signed with a key it does not trust, or from a service it does not know", async () => {
    const viewer = {
      sub: "demo-alice-lofar@egi.eu",
      entitlements: ["urn:mace:egi.eu:group:vo.lofar.eu:role=member"],
    };
    const forged = await new DelegationSigner("jobs", (await generateDelegationKeys("jobs")).privateJwk).sign(
      viewer,
    );
    const stranger = await new DelegationSigner(
      "notebooks",
      (await generateDelegationKeys("notebooks")).privateJwk,
    ).sign(viewer);
    const ask = (token: string) =>
      fetch(stack.gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: "{ jobs(first: 1) { totalCount } }" }),
      });
    const forgedAnswer = await ask(forged);
    expect(forgedAnswer.status).toBe(401);
    expect(JSON.stringify(await forgedAnswer.json())).toMatch(/delegated call from 'jobs' was refused/);
    const strangerAnswer = await ask(stranger);
    expect(strangerAnswer.status).toBe(401);
    expect(JSON.stringify(await strangerAnswer.json())).toMatch(
      /does not accept delegated calls from 'notebooks'/,
    );
  });
});

describe("the job lifecycle on the local executor", () => {
  let stack: Stack;
  const submit = async (input: Record<string, unknown>, as = "alice") => {
    const { data, errors } = await stack.query(SUBMIT, { input }, { as });
    return { job: data?.submitJob?.job, errors };
  };
  const act = async (mutation: string, id: string, as = "alice") => {
    const { data, errors } = await stack.query(
      `mutation($id: ID!) { ${mutation}(id: $id) { job { id status events { status message } } } }`,
      { id },
      { as },
    );
    return { job: data?.[mutation]?.job, errors };
  };
  beforeAll(async () => {
    stack = await startStack({ seed: true, jobs: { stdoutLimitBytes: 64 * 1024 } });
  });
  afterAll(() => stack?.stop());

  it("reports a non-zero exit as FAILED with the real exit code, and does not reschedule it", async () => {
    const { job, errors } = await submit(shellJob("echo oops >&2; exit 3"));
    expect(errors).toBeUndefined();
    const done = await waitForJob(stack, job.id, final);
    expect(done).toMatchObject({ status: "FAILED", exitCode: 3, reschedules: 0 });
    expect(done.stderr.text).toContain("oops");
    expect(done.events.at(-1).message).toContain("exit code 3");
  });

  it("stops a job at its wall time", async () => {
    const { job } = await submit(shellJob("sleep 60", { wallTimeSeconds: 1 }));
    const done = await waitForJob(stack, job.id, final);
    expect(done).toMatchObject({ status: "FAILED", nativeState: "TIMEOUT" });
    expect(done.statusReason).toMatch(/Wall time of 1 s exceeded/);
  });

  it("cancels a running job, and cancelling it again is not an error", async () => {
    const { job } = await submit(shellJob("sleep 60"));
    await waitForJob(stack, job.id, (j) => j.status === "RUNNING");
    const first = await act("cancelJob", job.id);
    expect(first.errors).toBeUndefined();
    expect(first.job.status).toBe("CANCELLED");
    const again = await act("cancelJob", job.id);
    expect(again.errors).toBeUndefined();
    expect(again.job.status).toBe("CANCELLED");
    const done = await waitForJob(
      stack,
      job.id,
      (j) => j.nativeState === "CANCELLED" || j.status === "CANCELLED",
    );
    expect(done.status).toBe("CANCELLED");
    // The runner saw the cancel and ended the process: nothing keeps running.
    const state = JSON.parse(
      fs.readFileSync(path.join(stack.jobsSettings.workRoot, `${job.id}.0`, "state.json"), "utf8"),
    );
    await waitForJob(stack, job.id, () => {
      const now = JSON.parse(
        fs.readFileSync(path.join(stack.jobsSettings.workRoot, `${job.id}.0`, "state.json"), "utf8"),
      );
      return now.state === "CANCELLED";
    });
    expect(["RUNNING", "CANCELLED"]).toContain(state.state);
  });

  it("holds a job at submission and runs it when released", async () => {
    const { job } = await submit(shellJob("echo released", { hold: true }));
    expect(job.status).toBe("HELD");
    await new Promise((r) => setTimeout(r, 600)); // a few dispatcher passes
    const held = await waitForJob(stack, job.id, () => true);
    expect(held).toMatchObject({ status: "HELD", backendJobId: null });
    const released = await act("releaseJob", job.id);
    expect(released.job.status).toBe("SUBMITTED");
    const done = await waitForJob(stack, job.id, final);
    expect(done).toMatchObject({ status: "COMPLETED", exitCode: 0 });
    expect(done.stdout.text).toBe("released\n");
  });

  it("reports every problem of a submission at once, and refuses what would change the runner or leave the working directory", async () => {
    const { errors } = await submit(
      shellJob("true", {
        cores: 0,
        outputs: ["../../etc/passwd", "/etc/shadow", "ok/*.fits"],
        environment: [
          { name: "LD_PRELOAD", value: "/tmp/evil.so" },
          { name: "PATH", value: "/tmp" },
          { name: "MS_NAME", value: "L123456.MS" },
        ],
      }),
    );
    expect(errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const problems = errors![0].extensions!.problems.map((p: any) => p.message).join(" | ");
    expect(problems).toMatch(/'cores' must be a whole number/);
    expect(problems).toMatch(/'\.\.\/\.\.\/etc\/passwd' must not leave/);
    expect(problems).toMatch(/'\/etc\/shadow' must be relative/);
    expect(problems).toMatch(/'LD_PRELOAD' would change how the job is started/);
    expect(problems).toMatch(/'PATH' would change/);
    expect(problems).not.toMatch(/MS_NAME|ok\/\*\.fits/);
  });

  it("registers only outputs inside the working directory (a link pointing out is skipped)", async () => {
    const input = await lofarInputAtSara(stack);
    const { job } = await submit(
      shellJob("mkdir -p out; echo kept > out/a.txt; ln -s /etc/passwd out/leak.txt", {
        inputs: [input.id],
        outputs: ["out/*.txt"],
      }),
    );
    const done = await waitForJob(
      stack,
      job.id,
      (j) => final(j) && j.events.some((e: any) => /output/i.test(e.message)),
    );
    // The event is read with the outputs: when registration fails, it says why.
    expect([
      done.outputs.map((o: any) => o.lfn),
      done.events.find((e: any) => /output/i.test(e.message)).message,
    ]).toEqual([[`/lofar/jobs/${job.id}/out/a.txt`], "Registered 1 output as datasets: out/a.txt."]);
  });

  it("keeps a job that prints too much to the limit, with a note", async () => {
    const { job } = await submit(shellJob("head -c 300000 /dev/zero | tr '\\0' x; echo"));
    const done = await waitForJob(stack, job.id, final);
    expect(done.status).toBe("COMPLETED");
    expect(done.stdout.sizeBytes).toBeLessThan(64 * 1024 + 200);
    expect(done.stdout.text).toMatch(/output truncated at 65536 bytes; \d+ more bytes were dropped/);
  });

  it("returns the same job for a retried submission with the same idempotency key, and refuses the key for another job", async () => {
    const first = await submit(shellJob("true", { idempotencyKey: "retry-42" }));
    const second = await submit(shellJob("true", { idempotencyKey: "retry-42" }));
    expect(second.job.id).toBe(first.job.id);
    const other = await submit(shellJob("echo different", { idempotencyKey: "retry-42" }));
    expect(other.errors?.[0].extensions?.code).toBe("CONFLICT");
    const { data } = await stack.query(
      `{ jobs(filter: { status: null }, first: 250) { totalCount edges { node { idempotencyKey } } } }`,
      {},
      { as: "alice" },
    );
    expect(data.jobs.edges.filter((e: any) => e.node.idempotencyKey === "retry-42")).toHaveLength(1);
  });

  it("refuses a job that fits nowhere with every site's reasons, or holds it when asked", async () => {
    const { errors } = await submit({ ...shellJob("true"), siteId: undefined, cores: 100_000 });
    expect(errors?.[0].extensions?.code).toBe("NO_PLACEMENT");
    expect(errors![0].message).toMatch(/TOO_MANY_CORES/);
    expect(errors![0].extensions!.rejected.length).toBeGreaterThan(10);
    const held = await submit({
      ...shellJob("true"),
      siteId: undefined,
      cores: 100_000,
      holdIfNoPlacement: true,
    });
    expect(held.errors).toBeUndefined();
    expect(held.job.status).toBe("HELD");
    expect(held.job.events.at(-1).message).toMatch(/fits nowhere/);
  });

  it("treats a dataset hidden from the submitter like one that does not exist", async () => {
    const { data } = await stack
      .query(
        `{ datasets(filter: { access: PRIVATE }, first: 50) { edges { node { id vo } } } }`,
        {},
        { as: "erik" },
      )
      .catch(() => ({ data: null }));
    const hidden = data?.datasets?.edges?.map((e: any) => e.node).find((d: any) => d.vo !== "vo.lofar.eu");
    const missing = await submit(shellJob("true", { inputs: ["no-such-dataset"] }));
    expect(missing.errors?.[0].message).toMatch(/do not exist or are not visible to you: no-such-dataset/);
    if (hidden) {
      const secret = await submit(shellJob("true", { inputs: [hidden.id] }));
      expect(secret.errors?.[0].message).toBe(
        missing.errors![0].message.replace("no-such-dataset", hidden.id),
      );
    }
  });

  it("lets only those who see a job act on it: the owner and the VO's managers", async () => {
    const { job } = await submit(shellJob("sleep 30"));
    const stranger = await act("cancelJob", job.id, "erik");
    expect(stranger.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const manager = await act("cancelJob", job.id, "lars");
    expect(manager.errors).toBeUndefined();
    expect(manager.job.status).toBe("CANCELLED");
    expect(manager.job.events.at(-1).message).toMatch(/Cancelled by demo-lars/);
  });

  it("streams a job's events at the gateway as they happen, with the caller's rights", async () => {
    const { job } = await submit(shellJob("sleep 1; echo streamed"));
    const token = await stack.tokenFor("alice");
    const base = stack.gatewayUrl.replace(/\/graphql$/, "");
    const stream = await readEventStream(`${base}/jobs/${job.id}/events`, token);
    expect(stream.status).toBe(200);
    const statuses = stream.events.filter((e) => e.event === "job").map((e) => e.data.status);
    expect(statuses).toEqual(expect.arrayContaining(["SUBMITTED", "QUEUED", "RUNNING", "COMPLETED"]));
    expect(stream.events.at(-1)!.event).toBe("end");
    const ids = stream.events.filter((e) => e.event === "job").map((e) => Number(e.id));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    // Resuming after event 3 gives only what came after.
    const resumed = await readEventStream(`${base}/jobs/${job.id}/events`, token, "3");
    expect(resumed.events.filter((e) => e.event === "job").map((e) => Number(e.id))[0]).toBe(4);
    // The whole stdout, with the caller's rights; hidden from others.
    const out = await fetch(`${base}/jobs/${job.id}/stdout`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await out.text()).toBe("streamed\n");
    const other = await readEventStream(`${base}/jobs/${job.id}/events`, await stack.tokenFor("erik"));
    expect(other.status).toBe(404);
    const anonymous = await fetch(`${base}/jobs/${job.id}/stdout`);
    expect(anonymous.status).toBe(404);
  });

  it("runs a parametric DIRAC JDL as a collection of one job per parameter", async () => {
    const jdl = `[
      Executable = "/bin/echo";
      Arguments = "frequency %s index %n";
      JobGroup = "sweep";
      Parameters = {"120", "150", "180"};
      Site = "SARA-MATRIX";
      CPUTime = 600;
    ]`;
    const { data, errors } = await stack.query(
      `mutation($input: SubmitJobJdlInput!) { submitJobJdl(input: $input) { warnings jobs { id name arguments } collection { id name eventsPath } } }`,
      { input: { jdl, vo: "vo.lofar.eu", idempotencyKey: "sweep-1" } },
      { as: "alice" },
    );
    expect(errors).toBeUndefined();
    const { jobs, collection } = data.submitJobJdl;
    // The same request again (a retry): the same collection, no new jobs.
    const retried = await stack.query(
      `mutation($input: SubmitJobJdlInput!) { submitJobJdl(input: $input) { jobs { id } collection { id } } }`,
      { input: { jdl, vo: "vo.lofar.eu", idempotencyKey: "sweep-1" } },
      { as: "alice" },
    );
    expect(retried.data.submitJobJdl.collection.id).toBe(collection.id);
    expect(retried.data.submitJobJdl.jobs.map((j: any) => j.id)).toEqual(jobs.map((j: any) => j.id));
    expect(jobs.map((j: any) => j.arguments)).toEqual([
      ["frequency", "120", "index", "0"],
      ["frequency", "150", "index", "1"],
      ["frequency", "180", "index", "2"],
    ]);
    // The collection's stream: every job's events, ending once all three are final.
    const base = stack.gatewayUrl.replace(/\/graphql$/, "");
    const stream = await readEventStream(`${base}${collection.eventsPath}`, await stack.tokenFor("alice"));
    expect(stream.status).toBe(200);
    expect(new Set(stream.events.filter((e) => e.event === "job").map((e) => e.data.jobId))).toEqual(
      new Set(jobs.map((j: any) => j.id)),
    );
    expect(stream.events.at(-1)!.event).toBe("end");
    expect(Object.values(stream.events.at(-1)!.data.statuses)).toEqual([
      "COMPLETED",
      "COMPLETED",
      "COMPLETED",
    ]);
    for (const j of jobs) await waitForJob(stack, j.id, final);
    const summary = await stack.query(
      `query($id: ID!) { jobCollection(id: $id) { name summary { status count } jobs { totalCount } } }`,
      { id: collection.id },
      { as: "alice" },
    );
    expect(summary.data.jobCollection.summary).toEqual([{ status: "COMPLETED", count: 3 }]);
    expect(summary.data.jobCollection.jobs.totalCount).toBe(3);
    const hidden = await stack.query(
      `query($id: ID!) { jobCollection(id: $id) { id } }`,
      { id: collection.id },
      { as: "erik" },
    );
    expect(hidden.data.jobCollection).toBeNull();
  });

  it("follows a JDL job from the command line, printing each event, and exits with the job's exit code", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gg-job-cli-"));
    const file = path.join(dir, "job.jdl");
    fs.writeFileSync(
      file,
      `[ Executable = "/bin/sh"; Arguments = "-c 'sleep 1; echo from-cli; exit 4'"; Site = "SARA-MATRIX"; CPUTime = 600; ]`,
    );
    const out = new PassThrough();
    const err = new PassThrough();
    let printed = "";
    out.on("data", (c) => (printed += c));
    process.env.GRIDGRAPH_URL = stack.gatewayUrl;
    process.env.GRIDGRAPH_TOKEN = await stack.tokenFor("alice");
    try {
      const code = await runJobCommand(["submit", file, "--vo", "vo.lofar.eu", "--follow"], out, err);
      expect(code).toBe(4);
    } finally {
      delete process.env.GRIDGRAPH_URL;
      delete process.env.GRIDGRAPH_TOKEN;
    }
    const lines = printed.trim().split("\n");
    expect(lines[0]).toMatch(/SUBMITTED .*Submitted by/);
    expect(lines.some((l) => /RUNNING/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/FAILED .*exit code 4/);
  });

  it("fails the job's dispatch with what a backend answered when it answers nonsense, and keeps serving", async () => {
    const garbage = http.createServer((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
    });
    await new Promise<void>((resolve) => garbage.listen(0, "127.0.0.1", () => resolve()));
    const { port } = garbage.address() as { port: number };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gg-garbage-"));
    fs.writeFileSync(path.join(dir, "jwt.key"), "not-a-real-key-but-a-key-all-the-same");
    const { data } = await stack.query(`{ site(id: "SARA-MATRIX") { computeEndpoints { url } } }`);
    const rules = data.site.computeEndpoints.map(({ url }: { url: string }) => ({
      endpoint: url,
      type: "slurm" as const,
      url: `http://127.0.0.1:${port}`,
      jobDir: dir,
      jwtKeyFile: path.join(dir, "jwt.key"),
    }));
    stack.jobsSettings.rules.unshift(...rules);
    try {
      const { job } = await submit(shellJob("true"));
      expect(job.backend).toBe("slurm");
      const done = await waitForJob(stack, job.id, final);
      expect(done.status).toBe("FAILED");
      expect(done.statusReason).toMatch(/answered 502 with something that is not Slurm's JSON: <html>/);
    } finally {
      stack.jobsSettings.rules.splice(0, rules.length);
      garbage.close();
    }
    // The service itself is fine: the next job runs.
    const next = await submit(shellJob("echo fine"));
    expect((await waitForJob(stack, next.job.id, final)).status).toBe("COMPLETED");
  });

  it("sends a job elsewhere when the infrastructure loses it (its runner killed), counting and explaining it", async () => {
    const { job } = await submit({ ...shellJob("sleep 2; echo again"), siteId: undefined });
    const first = await waitForJob(stack, job.id, (j) => j.status === "RUNNING");
    const dir = path.join(stack.jobsSettings.workRoot, `${job.id}.0`);
    const { runnerPid } = JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8"));
    process.kill(runnerPid, "SIGKILL");
    const done = await waitForJob(stack, job.id, (j) => final(j) && j.attempt === 1);
    expect(done).toMatchObject({ status: "COMPLETED", exitCode: 0, reschedules: 1, attempt: 1 });
    expect(done.site.id).not.toBe(first.site.id);
    expect(done.events.map((e: any) => e.message).join("\n")).toMatch(
      /The infrastructure failed the job \(.*no longer knows.*\): rescheduled \(1 of at most 3\)/,
    );
    expect(done.stdout.text).toBe("again\n");
  });

  it("keeps a rescheduled JDL job to the sites it allows, with the wall time its CPU work comes to at each", async () => {
    const jdl = `Executable = "/bin/sh"; Arguments = "-c 'sleep 2; echo again'";
      Site = {"LCG.SARA-MATRIX.nl", "LCG.PSNC.pl"}; CPUTime = 36000;`;
    const where = await stack.query(
      `query($jdl: String!) { placementForJdl(jdl: $jdl, vo: "vo.lofar.eu", first: 10) {
        placement { candidates { site { id } cpuTimeSeconds } } } }`,
      { jdl },
      { as: "alice" },
    );
    const seconds = new Map<string, number>(
      where.data.placementForJdl.placement.candidates.map((c: any) => [c.site.id, c.cpuTimeSeconds]),
    );
    expect([...seconds.keys()].sort()).toEqual(["PSNC", "SARA-MATRIX"]);
    const { data, errors } = await stack.query(
      `mutation($input: SubmitJobJdlInput!) { submitJobJdl(input: $input) { jobs { id } } }`,
      { input: { jdl, vo: "vo.lofar.eu" } },
      { as: "alice" },
    );
    expect(errors).toBeUndefined();
    const id = data.submitJobJdl.jobs[0].id;
    const wallTime = async () =>
      (await stack.query(`query($id: ID!) { job(id: $id) { wallTimeSeconds } }`, { id }, { as: "alice" }))
        .data.job.wallTimeSeconds;
    const first = await waitForJob(stack, id, (j) => j.status === "RUNNING");
    // 36000 HS06-seconds on that site's cores, not the one-hour default.
    expect(await wallTime()).toBe(seconds.get(first.site.id) ?? 36000);
    const dir = path.join(stack.jobsSettings.workRoot, `${id}.0`);
    process.kill(JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8")).runnerPid, "SIGKILL");
    const done = await waitForJob(stack, id, (j) => final(j) && j.attempt === 1);
    expect(done).toMatchObject({ status: "COMPLETED", reschedules: 1 });
    // The other site the JDL allows, not whichever else fits.
    expect(done.site.id).toBe(first.site.id === "PSNC" ? "SARA-MATRIX" : "PSNC");
    expect(await wallTime()).toBe(seconds.get(done.site.id) ?? 36000);
  });

  it("resubmits a finished job as a new attempt, and leaves an active one as it is", async () => {
    const { job } = await submit(shellJob("echo once"));
    await waitForJob(stack, job.id, final);
    const { job: again, errors } = await act("resubmitJob", job.id);
    expect(errors).toBeUndefined();
    expect(again.status).toBe("SUBMITTED");
    const done = await waitForJob(stack, job.id, (j) => final(j) && j.attempt === 1);
    expect(done).toMatchObject({ status: "COMPLETED", attempt: 1, reschedules: 0 });
    expect(done.events.filter((e: any) => e.status === "COMPLETED")).toHaveLength(2);
    const running = await submit(shellJob("sleep 30"));
    await waitForJob(stack, running.job.id, (j) => j.status === "RUNNING");
    const unchanged = await act("resubmitJob", running.job.id);
    expect(unchanged.job.status).toBe("RUNNING");
    await act("cancelJob", running.job.id);
  });

  it("loses no job and no event when the jobs service restarts during a run", async () => {
    const { job } = await submit(shellJob("sleep 3; echo survived"));
    await waitForJob(stack, job.id, (j) => j.status === "RUNNING");
    await stack.stopSubgraph("jobs");
    await new Promise((r) => setTimeout(r, 4000)); // the job ends while the service is down
    await stack.startSubgraphAgain("jobs");
    const done = await waitForJob(stack, job.id, final);
    expect(done).toMatchObject({ status: "COMPLETED", exitCode: 0 });
    expect(done.stdout.text).toBe("survived\n");
    expect(done.events.map((e: any) => e.status)).toEqual([
      "SUBMITTED",
      "SUBMITTED",
      "SUBMITTED",
      "QUEUED",
      "RUNNING",
      "COMPLETED",
    ]);
    expect((stack.subgraphs.jobs.runtime as JobsRuntime).dispatcher.submissions).toBe(0);
  });
});

describe("two jobs-service replicas on one database", () => {
  let stack: Stack;
  let replica: RunningSubgraph;
  beforeAll(async () => {
    stack = await startStack({ seed: true, jobs: { tickMs: 100 } });
    // A second jobs service on the same database, settings and backends: only its dispatcher matters here.
    replica = await startSubgraph(jobsSubgraph, {
      port: 0,
      database: stack.subgraphs.jobs.db,
      assertions: new AssertionVerifier({ jwks: stack.assertionKeys.publicJwks }),
      logger: createLogger({}, "silent"),
      settings: stack.jobsSettings,
    });
  });
  afterAll(async () => {
    await replica?.stop({ keepDatabase: true });
    await stack?.stop();
  });

  it("dispatches each of 200 submissions exactly once", async () => {
    const ids: string[] = [];
    const queue = Array.from({ length: 200 }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          const { data, errors } = await stack.query(
            SUBMIT,
            { input: shellJob(`echo ${i}`) },
            { as: "alice" },
          );
          if (errors) throw new Error(JSON.stringify(errors));
          ids.push(data.submitJob.job.id);
        }
      }),
    );
    for (const id of ids) await waitForJob(stack, id, final);
    const runtimes = [stack.subgraphs.jobs.runtime, replica.runtime] as JobsRuntime[];
    const submissions = runtimes.map((r) => r.dispatcher.submissions);
    expect(submissions[0] + submissions[1]).toBe(200);
    // Each attempt has one working directory and one "Sent to" event.
    const dirs = fs.readdirSync(stack.jobsSettings.workRoot).filter((d) => ids.includes(d.split(".")[0]));
    expect(dirs).toHaveLength(200);
    const { data } = await stack.query(
      `{ jobs(first: 250, filter: { status: COMPLETED }) { edges { node { id events { message } } } } }`,
      {},
      { as: "alice" },
    );
    const ours = data.jobs.edges.map((e: any) => e.node).filter((j: any) => ids.includes(j.id));
    expect(ours).toHaveLength(200);
    for (const job of ours)
      expect(job.events.filter((e: any) => /^Sent to /.test(e.message))).toHaveLength(1);
  });
});

describe("quotas on concurrent jobs", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: true, jobs: { quotaPerUser: 2 } });
  });
  afterAll(() => stack?.stop());

  it("refuses a user's job beyond the limit with the reason, and takes it once one has ended", async () => {
    const submit = () => stack.query(SUBMIT, { input: shellJob("sleep 60") }, { as: "alice" });
    const first = await submit();
    await submit();
    const third = await submit();
    expect(third.errors?.[0].extensions?.code).toBe("QUOTA_EXCEEDED");
    expect(third.errors?.[0].message).toMatch(/You have 2 active jobs; the limit per user is 2/);
    // lars (same VO) has his own allowance.
    const lars = await stack.query(SUBMIT, { input: shellJob("true") }, { as: "lars" });
    expect(lars.errors).toBeUndefined();
    await stack.query(
      `mutation($id: ID!) { cancelJob(id: $id) { job { id } } }`,
      { id: first.data.submitJob.job.id },
      { as: "alice" },
    );
    const again = await submit();
    expect(again.errors).toBeUndefined();
  });
});
