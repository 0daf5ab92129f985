import { startStack, type Stack } from "../scripts/in-process-stack";
import {
  lofarAccount,
  nodeMemoryMb,
  restartSlurmctld,
  serveSaraWithSlurm,
  slurmCluster,
  Slurmrestd,
  type SlurmCluster,
} from "../scripts/slurm-cluster";
import { final, shellJob, waitForJob } from "./support/jobs";

/**
 * Jobs through a real Slurm (slurmctld + slurmd + slurmrestd, Debian's 22.05) behind the
 * gateway: placed at SARA-MATRIX, whose compute endpoint is served by slurmrestd here.
 */
const cluster = slurmCluster();
const describeSlurm = typeof cluster === "string" ? describe.skip : describe;
if (typeof cluster === "string") console.warn(`Slurm tests skipped: ${cluster}`);

const SUBMIT = `mutation($input: SubmitJobInput!) { submitJob(input: $input) { job { id status backend account events { message } } } }`;

describeSlurm("jobs on Slurm through slurmrestd", () => {
  let stack: Stack;
  let rest: Slurmrestd;
  let timeoutJob: string;
  const submit = async (input: Record<string, unknown>) => {
    const { data, errors } = await stack.query(SUBMIT, { input }, { as: "alice" });
    if (errors) throw new Error(JSON.stringify(errors));
    return data.submitJob.job;
  };
  const act = (mutation: string, id: string) =>
    stack.query(`mutation($id: ID!) { ${mutation}(id: $id) { job { id status } } }`, { id }, { as: "alice" });

  beforeAll(async () => {
    const slurm = cluster as SlurmCluster;
    rest = new Slurmrestd(slurm);
    await rest.start();
    stack = await startStack({ seed: true, jobs: { tickMs: 300 } });
    // SARA-MATRIX's compute endpoints are this cluster, by the endpoint rule an operator would write.
    await serveSaraWithSlurm(stack, slurm, rest.url);
    // Slurm's smallest time limit is a minute: this one runs alongside the others.
    timeoutJob = (await submit(shellJob("sleep 600", { wallTimeSeconds: 1, memoryMb: 100 }))).id;
  });
  afterAll(async () => {
    await stack?.stop();
    await rest?.stop();
  });

  it("runs a job that sleeps, through Slurm, as the VO's account, with Slurm's states in its events", async () => {
    const job = await submit(shellJob("sleep 2; echo slept"));
    expect(job.backend).toBe("slurm");
    expect(job.events.at(-1).message).toMatch(new RegExp(`as account '${lofarAccount()}'`));
    const running = await waitForJob(stack, job.id, (j) => j.status === "RUNNING" || final(j));
    expect(running.backendJobId).toMatch(/^\d+$/);
    const done = await waitForJob(stack, job.id, final);
    expect(done).toMatchObject({ status: "COMPLETED", exitCode: 0, nativeState: "COMPLETED" });
    expect(done.stdout.text).toBe("slept\n");
    expect(done.events.some((e: any) => e.source === "slurm" && e.status === "RUNNING")).toBe(true);
  });

  it("reports exit 3 as FAILED with exit code 3 (Slurm's raw wait status decoded)", async () => {
    const job = await submit(shellJob("exit 3"));
    const done = await waitForJob(stack, job.id, final);
    expect(done).toMatchObject({ status: "FAILED", exitCode: 3, nativeState: "FAILED", reschedules: 0 });
  });

  it("cancels a running job", async () => {
    const job = await submit(shellJob("sleep 300"));
    await waitForJob(stack, job.id, (j) => j.status === "RUNNING");
    const { data, errors } = await act("cancelJob", job.id);
    expect(errors).toBeUndefined();
    expect(data.cancelJob.job.status).toBe("CANCELLED");
    const done = await waitForJob(stack, job.id, (j) => final(j));
    expect(done.status).toBe("CANCELLED");
  });

  it("holds a queued job at Slurm and runs it when released", async () => {
    // Nearly all the node's memory (the wall-time job keeps a little): the next job waits.
    const blocker = await submit(
      shellJob("sleep 300", { memoryMb: nodeMemoryMb(cluster as SlurmCluster) - 500 }),
    );
    try {
      await holdAndRelease(blocker.id);
    } finally {
      await act("cancelJob", blocker.id);
    }
  });

  const holdAndRelease = async (blockerId: string) => {
    await waitForJob(stack, blockerId, (j) => j.status === "RUNNING");
    const waiting = await submit(shellJob("echo released", { memoryMb: 1000 }));
    await waitForJob(stack, waiting.id, (j) => j.status === "QUEUED");
    const held = await act("holdJob", waiting.id);
    expect(held.errors).toBeUndefined();
    expect(held.data.holdJob.job.status).toBe("HELD");
    const atSlurm = await waitForJob(
      stack,
      waiting.id,
      (j) => j.status === "HELD" && j.statusReason === "JobHeldUser",
    );
    expect(atSlurm.statusReason).toBe("JobHeldUser");
    await act("cancelJob", blockerId);
    const released = await act("releaseJob", waiting.id);
    expect(released.data.releaseJob.job.status).toBe("QUEUED");
    const done = await waitForJob(stack, waiting.id, final);
    expect(done).toMatchObject({ status: "COMPLETED", exitCode: 0 });
    expect(done.stdout.text).toBe("released\n");
  };

  it("catches up with a job after slurmrestd was away, saying so in its events", async () => {
    const job = await submit(shellJob("sleep 4; echo caught"));
    await waitForJob(stack, job.id, (j) => j.status === "RUNNING");
    await rest.stop();
    await waitForJob(stack, job.id, (j) => j.events.some((e: any) => /cannot be reached/.test(e.message)));
    await new Promise((r) => setTimeout(r, 5000)); // the job ends while nobody can ask
    await rest.start();
    const done = await waitForJob(stack, job.id, final);
    expect(done).toMatchObject({ status: "COMPLETED", exitCode: 0 });
    const messages = done.events.map((e: any) => e.message);
    expect(messages.findIndex((m: string) => /cannot be reached/.test(m))).toBeLessThan(
      messages.findIndex((m: string) => /answers again/.test(m)),
    );
  });

  it("loses no job when slurmctld restarts during a run", async () => {
    const job = await submit(shellJob("sleep 6; echo outlived"));
    await waitForJob(stack, job.id, (j) => j.status === "RUNNING");
    await restartSlurmctld(cluster as SlurmCluster, 2000);
    const done = await waitForJob(stack, job.id, final);
    expect(done).toMatchObject({ status: "COMPLETED", exitCode: 0 });
    expect(done.stdout.text).toBe("outlived\n");
    expect(done.reschedules).toBe(0);
  });

  it("stops a job that exceeds its wall time (Slurm's TIMEOUT)", async () => {
    const done = await waitForJob(stack, timeoutJob, final, "alice", 1500);
    expect(done).toMatchObject({ status: "FAILED", nativeState: "TIMEOUT" });
    expect(done.statusReason).toMatch(/Wall time exceeded/);
  });
});
