import fs from "node:fs";
import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { ApiError, type Database, type Logger } from "@gridgraph/kit";
import { isFinal, Job, JobStatus } from "../entities";
import { record } from "../domain/lifecycle";
import { applyPlacement, ownerOf, performAction, reopen, specOf } from "../domain/job.service";
import { placeJob, resolveInputs } from "../domain/placement";
import { registerOutputs } from "../domain/outputs";
import type { JobsRuntime } from "../runtime";
import { BackendRefused, BackendUnavailable, type ExecutionBackend, type Observation } from "./backend";
import { existingFile, localReplicaPath } from "./storage";

/** How long a dispatcher's claim on an attempt lasts; a replica that dies mid-dispatch frees it after this. */
const LEASE_MS = 5 * 60_000;
const DISPATCH_BATCH = 20;
const RECONCILE_BATCH = 500;

const ACTIVE = [JobStatus.SUBMITTED, JobStatus.STAGING, JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.HELD];

/**
 * The jobs service's background work, one loop per replica, every JOBS_TICK_MS and whenever a
 * submit wakes it:
 *  1. dispatch: placed jobs not yet at a backend are claimed (FOR UPDATE SKIP LOCKED plus a
 *     lease, so two replicas never send the same attempt) and sent; an attempt claimed before
 *     is first looked for at the backend by its token, so a dispatch cut short is never doubled;
 *  2. reconcile: every active job is compared with its backend, a batch of jobs per query and
 *     per backend call, and only changes are written (with events);
 *  3. actions that could not reach a backend (cancel, hold, release) are retried;
 *  4. outputs of completed jobs are registered as datasets, once.
 */
export class Dispatcher {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Backend submissions made by this replica (benchmarks and tests count them). */
  submissions = 0;

  constructor(
    private readonly db: Database,
    private readonly runtime: JobsRuntime,
    private readonly logger: Logger,
  ) {}

  start() {
    this.wake();
    this.timer = setInterval(() => this.wake(), this.runtime.settings.tickMs);
    this.timer.unref();
  }

  /** Runs a pass now (or right after the one under way). */
  wake() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((error) => this.logger.error("jobs pass failed", { error }))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves when no pass is under way (tests and benchmarks wait for quiet). */
  async idle() {
    while (this.running) await this.running;
  }

  async stop() {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private em() {
    return this.db.orm.em.fork() as EntityManager;
  }

  async pass() {
    await this.awaitInputs();
    await this.dispatch();
    await this.reconcile();
    await this.retryActions();
    await this.registerOutputs();
  }

  // ---- 0. inputs brought to the site (STAGING) ---------------------------------------------

  /**
   * Jobs placed where some inputs are not ONLINE wait in STAGING: the datasets service is
   * asked (as the owner) to recall them from tape there or copy them there; once every request
   * FINISHED the job is placed again (the inputs now count as local) and goes; a request that
   * fails fails the job with the reason the data service gave.
   */
  private async awaitInputs() {
    const jobs = await this.em().find(
      Job,
      { managed: true, status: JobStatus.STAGING },
      { limit: 100, fields: ["id"], orderBy: { submittedAt: "asc" } },
    );
    for (const { id } of jobs)
      await this.change(id, (job, em) => this.advanceStaging(em, job)).catch((error: unknown) =>
        this.logger.warn("could not follow a staging job", { jobId: id, error }),
      );
  }

  private async advanceStaging(em: EntityManager, job: Job) {
    if (job.status !== JobStatus.STAGING || !job.dataToMove || !job.siteId) return;
    const { graph } = this.runtime;
    const owner = ownerOf(job);
    if (!job.dataRequestIds.length) {
      const ids: string[] = [];
      const asks = [
        ["stageDatasets", job.dataToMove.stage, "recall from tape"],
        ["transferDatasets", job.dataToMove.transfer, "copy"],
      ] as const;
      try {
        for (const [mutation, datasetIds, what] of asks) {
          if (!datasetIds.length) continue;
          const answer = await graph.request<Record<string, { request: { id: string } }>>(
            owner,
            `mutation($input: DataRequestInput!) { ${mutation}(input: $input) { request { id } } }`,
            { input: { datasetIds, siteId: job.siteId } },
          );
          ids.push(answer[mutation].request.id);
          record(em, job, {
            message: `Data request ${answer[mutation].request.id}: ${what} of ${datasetIds.length} input(s) to ${job.siteId}.`,
          });
        }
      } catch (error) {
        if (error instanceof ApiError && error.extensions.code === "SUBGRAPH_UNAVAILABLE" && !ids.length)
          return;
        const why = `its inputs cannot be brought to ${job.siteId}: ${(error as Error).message}`;
        record(em, job, { status: JobStatus.FAILED, message: `Failed: ${why}`, reason: why });
        return;
      }
      job.dataRequestIds = ids;
      return;
    }
    const requests = await Promise.all(
      job.dataRequestIds.map(async (id) => {
        const { dataRequest } = await graph.request<{
          dataRequest: {
            id: string;
            state: string;
            files: { datasetId: string; lastError: string | null }[];
          } | null;
        }>(owner, `query($id: ID!) { dataRequest(id: $id) { id state files { datasetId lastError } } }`, {
          id,
        });
        return dataRequest ?? { id, state: "GONE", files: [] };
      }),
    );
    const failed = requests.find((r) => !["SUBMITTED", "ACTIVE", "FINISHED"].includes(r.state));
    if (failed) {
      const file = failed.files.find((f) => f.lastError);
      const why = `data request ${failed.id} ended ${failed.state}${file ? ` (${file.datasetId}: ${file.lastError})` : ""}`;
      record(em, job, {
        status: JobStatus.FAILED,
        message: `Its inputs could not be brought to ${job.siteId}: ${why}.`,
        reason: why,
      });
      return;
    }
    if (!requests.every((r) => r.state === "FINISHED")) return;
    try {
      const inputs = await resolveInputs(graph, owner, job.inputDatasetIds);
      const placed = await placeJob(
        graph,
        this.runtime.backends,
        owner,
        specOf(job),
        inputs,
        job.excludedEndpoints,
      );
      record(em, job, {
        status: JobStatus.SUBMITTED,
        message: `Inputs are ONLINE at ${job.siteId}: placing the job again.`,
      });
      const waitedFor = job.dataRequestIds;
      applyPlacement(em, job, placed);
      if (!placed.dataToMove) job.dataRequestIds = waitedFor;
      this.again = true;
    } catch (error) {
      if (error instanceof ApiError && error.extensions.code === "SUBGRAPH_UNAVAILABLE") return;
      const why = (error as Error).message;
      record(em, job, {
        status: JobStatus.FAILED,
        message: `Its inputs arrived, and then it fits nowhere: ${why}`,
        reason: why,
      });
    }
  }

  // ---- 1. dispatch ------------------------------------------------------------------------

  private async dispatch() {
    for (;;) {
      const claimed = await this.em().transactional(async (em) => {
        const jobs = await em.find(
          Job,
          {
            managed: true,
            status: JobStatus.SUBMITTED,
            backendJobId: null,
            siteId: { $ne: null },
            $or: [{ dispatchLeaseUntil: null }, { dispatchLeaseUntil: { $lt: new Date() } }],
          },
          {
            orderBy: { submittedAt: "asc", id: "asc" },
            limit: DISPATCH_BATCH,
            lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
          },
        );
        for (const job of jobs) {
          job.dispatchLeaseUntil = new Date(Date.now() + LEASE_MS);
          job.dispatchClaims += 1;
        }
        return jobs.map((j) => ({ id: j.id, claims: j.dispatchClaims }));
      });
      if (!claimed.length) return;
      await Promise.all(claimed.map((c) => this.dispatchOne(c.id, c.claims)));
      if (claimed.length < DISPATCH_BATCH) return;
    }
  }

  private async dispatchOne(id: string, claims: number) {
    const em = this.em();
    const job = await em.findOneOrFail(Job, { id });
    const backend = this.runtime.backends.forJob(job);
    const token = `${job.id}.${job.attempt}`;
    const write = async (change: (job: Job, em: EntityManager) => Promise<void> | void) =>
      this.em().transactional(async (tx) => {
        const locked = await tx.findOneOrFail(Job, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        await change(locked, tx);
      });
    if (!backend) {
      await write((j, tx) => {
        record(tx, j, {
          status: JobStatus.FAILED,
          message: `No execution backend serves ${j.endpointUrl} any more; the job cannot be sent.`,
        });
      });
      return;
    }
    let submitted;
    try {
      // Claimed before: a replica may have sent it and died before writing that down.
      submitted = claims > 1 ? await backend.find(token, job.account ?? "") : null;
      if (!submitted) {
        submitted = await backend.submit({
          jobId: job.id,
          token,
          name: job.name,
          executable: job.executable,
          arguments: job.arguments,
          environment: job.environment,
          cores: job.cores,
          memoryMb: job.memoryMb,
          gpus: job.gpus,
          wallTimeSeconds: job.wallTimeSeconds,
          account: job.account ?? "",
          inputs: (job.inputReplicas ?? []).map((r) => ({
            datasetId: r.datasetId,
            lfn: r.lfn,
            url: `${r.storageUrl.replace(/\/$/, "")}${r.path.startsWith("/") ? "" : "/"}${r.path}`,
            localPath: existingFile(
              localReplicaPath(this.runtime.settings.storageRoot, job.siteId!, r.storageUrl, r.path),
            ),
          })),
        });
        this.submissions += 1;
      }
    } catch (error) {
      if (error instanceof BackendUnavailable) {
        // Not sent: the lease lapses and a later pass tries again; say so once.
        await write((j, tx) => {
          j.dispatchLeaseUntil = new Date(Date.now() + this.runtime.settings.tickMs * 5);
          if (!j.unreachableSince) {
            j.unreachableSince = new Date();
            record(tx, j, {
              message: `${backend.describe()} cannot be reached (${error.message}); will try again.`,
            });
          }
        });
        return;
      }
      const message =
        error instanceof BackendRefused ? error.message : `Dispatch failed: ${(error as Error).message}`;
      await write((j, tx) => {
        record(tx, j, { status: JobStatus.FAILED, message, reason: message, source: backend.kind });
      });
      return;
    }
    const sent = submitted;
    await write(async (j, tx) => {
      j.dispatchLeaseUntil = null;
      if (j.status !== JobStatus.SUBMITTED || j.attempt !== job.attempt) {
        // Cancelled or held while it was being sent: take it back from the backend.
        await backend.cancel(sent.backendJobId, j.account ?? "").catch(() => undefined);
        if (j.status === JobStatus.HELD) j.attempt += 1; // a fresh token when released
        record(tx, j, {
          message: `Taken back from ${backend.describe()}: it was ${j.status} while being sent.`,
        });
        return;
      }
      j.backendJobId = sent.backendJobId;
      j.workDir = sent.workDir;
      j.unreachableSince = null;
      const unlinked = (j.inputReplicas ?? []).length
        ? ` Inputs: ${(j.inputReplicas ?? []).length} (inputs.json in the working directory).`
        : "";
      record(tx, j, {
        status: sent.observation.status,
        nativeState: sent.observation.nativeState,
        message: `${claims > 1 ? "Found at" : "Sent to"} ${backend.describe()} as ${backend.kind} job ${sent.backendJobId}.${unlinked}`,
        source: backend.kind,
      });
    });
  }

  // ---- 2. reconcile -----------------------------------------------------------------------

  private async reconcile() {
    let after = "";
    for (;;) {
      // Only what reconciling needs: a pass over 10,000 unchanged jobs reads 20 pages and writes nothing.
      const batch = (await this.em().find(
        Job,
        { managed: true, status: { $in: ACTIVE }, backendJobId: { $ne: null }, id: { $gt: after } },
        {
          orderBy: { id: "asc" },
          limit: RECONCILE_BATCH,
          fields: [
            "id",
            "statusReason",
            "backend",
            "endpointUrl",
            "endpointInterface",
            "backendJobId",
            "workDir",
            "account",
            "status",
            "nativeState",
            "unreachableSince",
          ],
        },
      )) as Job[];
      if (!batch.length) return;
      after = batch[batch.length - 1].id;
      const byBackend = new Map<ExecutionBackend, Job[]>();
      for (const job of batch) {
        const backend = this.runtime.backends.forJob(job);
        if (!backend) continue;
        byBackend.set(backend, [...(byBackend.get(backend) ?? []), job]);
      }
      for (const [backend, jobs] of byBackend) await this.reconcileWith(backend, jobs);
      if (batch.length < RECONCILE_BATCH) return;
    }
  }

  private async reconcileWith(backend: ExecutionBackend, jobs: Job[]) {
    let seen: Map<string, Observation | "lost">;
    try {
      seen = await backend.observe(
        jobs.map((j) => ({
          backendJobId: j.backendJobId!,
          workDir: j.workDir ?? "",
          account: j.account ?? "",
        })),
      );
    } catch (error) {
      if (!(error instanceof BackendUnavailable)) throw error;
      // Last known state kept; one event per job when it starts, not one per pass.
      for (const job of jobs.filter((j) => !j.unreachableSince))
        await this.change(job.id, (j, em) => {
          j.unreachableSince = new Date();
          record(em, j, {
            message: `${backend.describe()} cannot be reached (${error.message}); the job keeps its last known state until it answers.`,
          });
        });
      return;
    }
    for (const job of jobs) {
      const observed = seen.get(job.backendJobId!);
      if (!observed) continue;
      const changed =
        observed === "lost" ||
        observed.status !== job.status ||
        observed.nativeState !== job.nativeState ||
        (observed.reason ?? null) !== (job.statusReason ?? null) ||
        job.unreachableSince;
      if (!changed) continue;
      await this.change(job.id, (j, em) => this.apply(em, j, backend, observed));
    }
  }

  /** Applies a change to one job under its row lock; a job another replica holds is left for the next pass. */
  private async change(id: string, apply: (job: Job, em: EntityManager) => Promise<void> | void) {
    await this.em().transactional(async (em) => {
      const [job] = await em.find(Job, { id }, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
      if (job) await apply(job, em);
    });
  }

  private async apply(
    em: EntityManager,
    job: Job,
    backend: ExecutionBackend,
    observed: Observation | "lost",
  ) {
    if (isFinal(job.status) || !job.backendJobId) return;
    if (job.unreachableSince) {
      job.unreachableSince = null;
      record(em, job, { message: `${backend.describe()} answers again.`, source: "gridgraph" });
    }
    if (observed === "lost" || observed.infrastructureFailure) {
      const why =
        observed === "lost"
          ? `${backend.describe()} no longer knows ${backend.kind} job ${job.backendJobId}`
          : `${observed.reason ?? observed.nativeState}`;
      await this.reschedule(em, job, why, observed === "lost" ? "LOST" : observed.nativeState);
      return;
    }
    if (
      observed.status === job.status &&
      observed.nativeState === job.nativeState &&
      (observed.reason ?? null) === (job.statusReason ?? null)
    )
      return;
    // Started and finished between two looks: the start is still part of the story.
    if (isFinal(observed.status) && observed.startedAt && job.status !== JobStatus.RUNNING && !job.startedAt)
      record(em, job, {
        status: JobStatus.RUNNING,
        nativeState: "RUNNING",
        message: "Started.",
        source: backend.kind,
        startedAt: observed.startedAt,
        at: observed.startedAt,
      });
    const message =
      observed.status === JobStatus.COMPLETED
        ? `Completed with exit code ${observed.exitCode ?? 0}.`
        : observed.status === JobStatus.FAILED
          ? `Failed${observed.exitCode != null ? ` with exit code ${observed.exitCode}` : ""}${observed.reason ? `: ${observed.reason}` : "."}${lastWords(backend, job)}`
          : observed.status === JobStatus.CANCELLED
            ? `Cancelled at the backend${observed.reason ? `: ${observed.reason}` : "."}`
            : `${observed.status === job.status ? "Still" : "Now"} ${observed.status.toLowerCase()} (${observed.nativeState}${observed.reason ? `, ${observed.reason}` : ""}).`;
    record(em, job, {
      status: observed.status,
      nativeState: observed.nativeState,
      message,
      source: backend.kind,
      exitCode: observed.exitCode ?? null,
      reason: observed.reason ?? null,
      startedAt: observed.startedAt,
      finishedAt: observed.finishedAt,
    });
    if (observed.status === JobStatus.COMPLETED && job.outputPatterns.length) job.outputsState = "PENDING";
  }

  /** The infrastructure failed the job: elsewhere if the limit allows and a site fits, else FAILED. */
  private async reschedule(em: EntityManager, job: Job, why: string, nativeState: string) {
    const max = this.runtime.settings.maxReschedules;
    if (job.reschedules >= max) {
      record(em, job, {
        status: JobStatus.FAILED,
        nativeState,
        message: `The infrastructure failed the job (${why}); rescheduled ${job.reschedules} time${job.reschedules === 1 ? "" : "s"} already, the limit (JOBS_MAX_RESCHEDULES) is ${max}.`,
        reason: why,
      });
      return;
    }
    const excluded = [...new Set([...job.excludedEndpoints, job.endpointUrl ?? ""])].filter(Boolean);
    try {
      const inputs = await resolveInputs(this.runtime.graph, ownerOf(job), job.inputDatasetIds);
      const placed = await placeJob(
        this.runtime.graph,
        this.runtime.backends,
        ownerOf(job),
        specOf(job),
        inputs,
        excluded,
      );
      const number = job.reschedules + 1;
      reopen(job);
      job.reschedules = number;
      job.excludedEndpoints = excluded;
      record(em, job, {
        status: JobStatus.SUBMITTED,
        nativeState,
        message: `The infrastructure failed the job (${why}): rescheduled (${number} of at most ${max}).`,
      });
      applyPlacement(em, job, placed);
      this.again = true;
    } catch (error) {
      record(em, job, {
        status: JobStatus.FAILED,
        nativeState,
        message: `The infrastructure failed the job (${why}), and it fits nowhere else: ${(error as Error).message}`,
        reason: why,
      });
    }
  }

  // ---- 3. pending actions -----------------------------------------------------------------

  private async retryActions() {
    const jobs = await this.em().find(
      Job,
      { managed: true, pendingAction: { $ne: null }, status: { $in: ACTIVE } },
      { limit: 100, fields: ["id"] },
    );
    for (const { id } of jobs)
      await this.change(id, async (job, em) => {
        const backend = this.runtime.backends.forJob(job);
        if (!backend || !job.pendingAction || !job.backendJobId) return;
        const action = job.pendingAction;
        try {
          await performAction(backend, job, action);
        } catch (error) {
          if (error instanceof BackendUnavailable) return;
          job.pendingAction = null;
          record(em, job, { message: `${action} could not be done: ${(error as Error).message}` });
          return;
        }
        job.pendingAction = null;
        const status =
          action === "CANCEL" ? JobStatus.CANCELLED : action === "HOLD" ? JobStatus.HELD : JobStatus.QUEUED;
        record(em, job, {
          status,
          message: `${action.toLowerCase()} done now that ${backend.describe()} answers.`,
        });
      });
  }

  // ---- 4. outputs -------------------------------------------------------------------------

  private async registerOutputs() {
    for (;;) {
      const done = await this.em().transactional(async (em) => {
        const [job] = await em.find(
          Job,
          { managed: true, status: JobStatus.COMPLETED, outputsState: "PENDING" },
          { limit: 1, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
        );
        if (!job) return false;
        const backend = this.runtime.backends.forJob(job);
        await registerOutputs(em, job, backend, this.runtime);
        return true;
      });
      if (!done) return;
    }
  }
}

/**
 * A failed job's own explanation: the last line it wrote to stderr (a notebook run names the
 * cell that failed there), quoted in its FAILED event.
 */
function lastWords(backend: ExecutionBackend, job: Job): string {
  if (!job.workDir) return "";
  let fd: number | undefined;
  try {
    const file = backend.logFiles(job.workDir).stderr;
    const size = fs.statSync(file).size;
    const length = Math.min(size, 4096);
    const buffer = Buffer.alloc(length);
    fd = fs.openSync(file, "r");
    fs.readSync(fd, buffer, 0, length, size - length);
    const line = buffer.toString("utf8").trimEnd().split("\n").at(-1)?.trim();
    return line ? ` Last line on stderr: ${line.slice(0, 500)}` : "";
  } catch {
    return "";
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
