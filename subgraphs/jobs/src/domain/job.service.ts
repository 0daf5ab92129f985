import { LockMode, raw, type FilterQuery, type ObjectQuery } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  ApiError,
  andVisible,
  badInput,
  conflict,
  findPage,
  notFound,
  type Access,
  type ConnectionResult,
  type Page,
  type Viewer,
} from "@gridgraph/kit";
import { visibleJobFilter } from "./job.policy";
import { checkSpec, type JobSpec } from "./job-spec";
import { JOB_DEFAULTS } from "./placement-requirements";
import { record } from "./lifecycle";
import { placeJob, resolveInputs, type PlacementAnswers, type Placed } from "./placement";
import { requireJobsRuntime } from "../require-runtime";
import type { JobsRuntime } from "../runtime";
import { accountFor } from "../execution/accounts";
import { BackendRefused, BackendUnavailable } from "../execution/backend";
import { isFinal, Job, JobCollection, JobStatus, PendingAction, type PlacementLimits } from "../entities";

export type { JobSpec } from "./job-spec";

export interface JobQuery {
  status?: JobStatus | null;
  vo?: string | null;
  owner?: string | null;
  siteId?: string | null;
  collectionId?: string | null;
  ids?: string[] | null;
}

/** The owner as delegated calls present them: the identity and entitlements given at submit. */
export const ownerOf = (job: Job): Viewer => ({ sub: job.owner, entitlements: job.ownerEntitlements });

/** Same request again? (An idempotency key reused for a different job is a conflict.) */
const fingerprint = (spec: JobSpec) =>
  JSON.stringify([
    spec.name.trim(),
    spec.vo.trim(),
    spec.executable.trim(),
    spec.arguments ?? [],
    spec.inputDatasetIds ?? [],
    spec.outputs ?? [],
    spec.cores ?? JOB_DEFAULTS.cores,
    spec.memoryMb ?? JOB_DEFAULTS.memoryMb,
    spec.wallTimeSeconds ?? JOB_DEFAULTS.wallTimeSeconds,
  ]);

/**
 * Jobs as their owners see them: submit (validated, placed through the registry as the owner,
 * recorded with its first events in one transaction), cancel, hold, release, resubmit. Who may
 * act on a job is who may see it (job.policy.ts). The dispatcher (execution/dispatcher.ts)
 * does the rest in the background.
 */
export class JobService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
    private readonly runtime?: JobsRuntime,
  ) {}

  private get jobs(): JobsRuntime {
    return requireJobsRuntime(this.runtime);
  }

  /** A job the viewer may see; null when it does not exist or is hidden from them. */
  get(id: string): Promise<Job | null> {
    if (!id.trim()) throw badInput("'id' must not be empty.", "id");
    return this.em.findOne(Job, this.visible({ id }));
  }

  private visible(where: FilterQuery<Job>): FilterQuery<Job> {
    return andVisible(where as ObjectQuery<Job>, visibleJobFilter(this.access));
  }

  list(query: JobQuery, page: Page): Promise<ConnectionResult<Job>> {
    const where: Record<string, unknown> = {};
    if (query.status) where.status = query.status;
    if (query.vo) where.vo = query.vo;
    if (query.owner) where.owner = query.owner;
    if (query.siteId) where.siteId = query.siteId;
    if (query.collectionId) where.collectionId = query.collectionId;
    if (query.ids) where.id = { $in: query.ids };
    return findPage(this.em, Job, this.visible(where as FilterQuery<Job>), page);
  }

  /** How many of a collection's visible jobs have each status (one grouped query). */
  async countByStatus(collectionId: string): Promise<{ status: JobStatus; count: number }[]> {
    const rows = await this.em
      .createQueryBuilder(Job, "j")
      .select(["j.status", raw("count(*)::int as count")])
      .where(this.visible({ collectionId }) as ObjectQuery<Job>)
      .groupBy("j.status")
      .execute<{ status: JobStatus; count: number }[]>("all", false);
    return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
  }

  /** Checks a job, places it and records it; see submitMany for several at once. */
  async submit(spec: JobSpec): Promise<Job> {
    const [job] = await this.submitMany([spec]);
    return job;
  }

  /**
   * Submits jobs together (one collection when `collection` is given): each is checked, its
   * inputs resolved and placed as the caller; all are recorded in one transaction, or none.
   */
  async submitMany(specs: JobSpec[], collection?: { name: string }): Promise<Job[]> {
    for (const spec of specs) checkSpec(spec);
    const vo = specs[0].vo.trim();
    this.access.requireMemberOf(vo, "submit jobs");
    const viewer = this.access.viewer!;
    const owner = viewer.sub;
    // A retried request: the job (or the collection) its key made the first time.
    const key = specs[0].idempotencyKey;
    if (key) {
      const existing = await this.em.findOne(Job, { owner, idempotencyKey: key });
      if (existing) {
        if (specs.length === 1 && fingerprintOfJob(existing) !== fingerprint(specs[0]))
          throw conflict(
            `idempotencyKey '${key}' was used for another job (${existing.id}); use a new key for a new job.`,
          );
        if (!existing.collectionId) return [existing];
        return this.em.find(
          Job,
          { collectionId: existing.collectionId },
          { orderBy: { collectionIndex: "asc" } },
        );
      }
    }
    const placed: (Placed | { held: string })[] = [];
    const inputsById = new Map<string, Awaited<ReturnType<typeof resolveInputs>>[number]>();
    const allIds = [...new Set(specs.flatMap((s) => s.inputDatasetIds ?? []))];
    for (const d of await resolveInputs(this.jobs.graph, viewer, allIds)) inputsById.set(d.id, d);
    const answers: PlacementAnswers = new Map();
    for (const spec of specs) {
      const inputs = [...new Set(spec.inputDatasetIds ?? [])].map((id) => inputsById.get(id)!);
      try {
        placed.push(await placeJob(this.jobs.graph, this.jobs.backends, viewer, spec, inputs, [], answers));
      } catch (error) {
        if (
          !(error instanceof ApiError) ||
          error.extensions.code !== "NO_PLACEMENT" ||
          !spec.holdIfNoPlacement
        )
          throw error;
        placed.push({ held: error.message });
      }
    }
    const jobs = await this.em.transactional(async (em) => {
      await this.checkQuota(em, vo, owner, specs.length);
      const group = collection ? em.create(JobCollection, { name: collection.name, owner, vo }) : null;
      return specs.map((spec, i) => {
        const job = em.create(Job, {
          name: spec.name.trim(),
          owner,
          vo,
          executable: spec.executable.trim(),
          arguments: spec.arguments ?? [],
          cores: spec.cores ?? JOB_DEFAULTS.cores,
          memoryMb: spec.memoryMb ?? JOB_DEFAULTS.memoryMb,
          gpus: spec.gpus ?? JOB_DEFAULTS.gpus,
          wallTimeSeconds: spec.wallTimeSeconds ?? JOB_DEFAULTS.wallTimeSeconds,
          platform: spec.platform ?? null,
          requiredSoftware: spec.requiredSoftware ?? [],
          containerImage: spec.containerImage ?? null,
          tags: spec.tags ?? [],
          inputDatasetIds: [...new Set(spec.inputDatasetIds ?? [])],
          outputPatterns: spec.outputs ?? [],
          environment: Object.fromEntries((spec.environment ?? []).map((e) => [e.name, e.value])),
          placementLimits: placementLimitsOf(spec),
          idempotencyKey: i === 0 ? (key ?? null) : (spec.idempotencyKey ?? null),
          ownerEntitlements: viewer.entitlements,
          collectionId: group?.id ?? null,
          collectionIndex: group ? i : null,
          managed: true,
          status: JobStatus.SUBMITTED,
        });
        record(em, job, { status: JobStatus.SUBMITTED, message: `Submitted by ${owner}.` });
        const where = placed[i];
        if ("held" in where) {
          record(em, job, {
            status: JobStatus.HELD,
            message: `Held: ${where.held} releaseJob places it again.`,
            reason: where.held,
          });
        } else {
          applyPlacement(em, job, where);
          if (spec.hold)
            record(em, job, { status: JobStatus.HELD, message: "Held at submission; releaseJob sends it." });
        }
        return job;
      });
    });
    this.jobs.wake();
    return jobs;
  }

  /** Active jobs per VO and per owner, counted under a lock per VO so that two submits cannot both squeeze in. */
  private async checkQuota(em: EntityManager, vo: string, owner: string, adding: number) {
    const { quotaPerVo, quotaPerUser } = this.jobs.settings;
    await em.execute("select pg_advisory_xact_lock(hashtext(?))", [`jobs-quota:${vo}`]);
    const active = {
      managed: true,
      status: { $nin: [JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED] },
    };
    const [ofVo, ofUser] = await Promise.all([
      em.count(Job, { ...active, vo }),
      em.count(Job, { ...active, owner }),
    ]);
    if (ofUser + adding > quotaPerUser)
      throw new ApiError(
        "QUOTA_EXCEEDED",
        `You have ${ofUser} active jobs; the limit per user is ${quotaPerUser} (JOBS_QUOTA_PER_USER). Wait for some to finish or cancel some.`,
        { limit: quotaPerUser, active: ofUser },
      );
    if (ofVo + adding > quotaPerVo)
      throw new ApiError(
        "QUOTA_EXCEEDED",
        `${vo} has ${ofVo} active jobs; the limit per VO is ${quotaPerVo} (JOBS_QUOTA_PER_VO).`,
        { limit: quotaPerVo, active: ofVo },
      );
  }

  /** The job, locked for a change by the viewer; NOT_FOUND when hidden (its existence is not revealed). */
  private async lockVisible(em: EntityManager, id: string): Promise<Job> {
    const job = await em.findOne(Job, this.visible({ id }), { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!job) throw notFound("Job", id);
    if (!job.managed)
      throw conflict(`Job '${id}' is a historical record, not run by this service; it cannot be changed.`);
    return job;
  }

  private who() {
    return this.access.sub ?? "someone";
  }

  /** Cancels; a finished job is returned as it is (cancelling twice is not an error). */
  async cancel(id: string): Promise<Job> {
    const job = await this.em.transactional(async (em) => {
      const job = await this.lockVisible(em, id);
      if (isFinal(job.status)) return job;
      if (!job.backendJobId) {
        record(em, job, {
          status: JobStatus.CANCELLED,
          message: `Cancelled by ${this.who()} before it reached a backend.`,
        });
        return job;
      }
      await this.askBackend(em, job, PendingAction.CANCEL, `Cancelled by ${this.who()}.`);
      return job;
    });
    return job;
  }

  /** Holds a job that has not started; a held job is returned as it is. */
  async hold(id: string): Promise<Job> {
    return this.em.transactional(async (em) => {
      const job = await this.lockVisible(em, id);
      if (job.status === JobStatus.HELD) return job;
      if (isFinal(job.status))
        throw conflict(`Job '${id}' is ${job.status}; only a job that has not started can be held.`);
      if (job.status === JobStatus.RUNNING)
        throw conflict(
          `Job '${id}' is RUNNING; only a job that has not started can be held (cancel it instead).`,
        );
      if (!job.backendJobId) {
        record(em, job, { status: JobStatus.HELD, message: `Held by ${this.who()}.` });
        return job;
      }
      await this.askBackend(em, job, PendingAction.HOLD, `Held by ${this.who()}.`);
      return job;
    });
  }

  /** Releases a held job (placing it again if it was held for want of a site); others are returned as they are. */
  async release(id: string): Promise<Job> {
    const job = await this.em.transactional(async (em) => {
      const job = await this.lockVisible(em, id);
      if (job.status !== JobStatus.HELD) return job;
      if (job.backendJobId) {
        await this.askBackend(em, job, PendingAction.RELEASE, `Released by ${this.who()}.`);
        return job;
      }
      if (!job.siteId) applyPlacement(em, job, await this.placeAgain(job));
      record(em, job, { status: JobStatus.SUBMITTED, message: `Released by ${this.who()}.`, reason: null });
      return job;
    });
    this.jobs.wake();
    return job;
  }

  /** A new attempt of a finished job, placed again; an active job is returned as it is. */
  async resubmit(id: string): Promise<Job> {
    const job = await this.em.transactional(async (em) => {
      const job = await this.lockVisible(em, id);
      if (!isFinal(job.status)) return job;
      const placed = await this.placeAgain(job);
      reopen(job);
      record(em, job, {
        status: JobStatus.SUBMITTED,
        message: `Resubmitted by ${this.who()} (attempt ${job.attempt}).`,
      });
      applyPlacement(em, job, placed);
      return job;
    });
    this.jobs.wake();
    return job;
  }

  private async placeAgain(job: Job, excluded: string[] = []): Promise<Placed> {
    const inputs = await resolveInputs(this.jobs.graph, ownerOf(job), job.inputDatasetIds);
    return placeJob(this.jobs.graph, this.jobs.backends, ownerOf(job), specOf(job), inputs, excluded);
  }

  /**
   * Cancel, hold or release at the backend. Done: the new status now (the reconciler confirms
   * it). The backend unreachable: remembered as pending and retried by the reconciler, the
   * job's status unchanged, an event saying so. The backend refusing: CONFLICT with its words.
   */
  private async askBackend(em: EntityManager, job: Job, action: PendingAction, message: string) {
    const backend = this.jobs.backends.forJob(job);
    if (!backend)
      throw conflict(`Job '${job.id}' was sent to ${job.endpointUrl}, which no backend serves any more.`);
    try {
      await performAction(backend, job, action);
    } catch (error) {
      if (error instanceof BackendUnavailable) {
        job.pendingAction = action;
        record(em, job, {
          message: `${message} ${backend.describe()} cannot be reached (${error.message}); it will be asked again.`,
        });
        return;
      }
      if (error instanceof BackendRefused) throw conflict(error.message);
      throw error;
    }
    job.pendingAction = null;
    const status =
      action === PendingAction.CANCEL
        ? JobStatus.CANCELLED
        : action === PendingAction.HOLD
          ? JobStatus.HELD
          : JobStatus.QUEUED;
    record(em, job, { status, message, source: "gridgraph" });
  }
}

export function performAction(
  backend: NonNullable<ReturnType<JobsRuntime["backends"]["forJob"]>>,
  job: Job,
  action: PendingAction,
) {
  const account = job.account ?? "";
  if (action === PendingAction.CANCEL) return backend.cancel(job.backendJobId!, account);
  if (action === PendingAction.HOLD) return backend.hold(job.backendJobId!, account);
  return backend.release(job.backendJobId!, account);
}

/** What the submitter said about where the job may go, or null when nothing. */
function placementLimitsOf(spec: JobSpec): PlacementLimits | null {
  const limits: PlacementLimits = {
    siteId: spec.siteId ?? null,
    queue: spec.queue ?? null,
    allowedSites: spec.allowedSites ?? null,
    bannedSites: spec.bannedSites?.length ? spec.bannedSites : null,
    computeEndpoints: spec.computeEndpoints?.length ? spec.computeEndpoints : null,
    cpuWorkHs06Seconds: spec.wallTimeSeconds == null ? (spec.cpuWorkHs06Seconds ?? null) : null,
  };
  return Object.values(limits).some((v) => v != null) ? limits : null;
}

/** What placement needs to place a recorded job again, keeping to where it may go. */
export function specOf(job: Job): JobSpec {
  const limits = job.placementLimits ?? {};
  return {
    name: job.name,
    vo: job.vo,
    executable: job.executable,
    cores: job.cores,
    memoryMb: job.memoryMb,
    gpus: job.gpus,
    // A job that states CPU work gets its wall time from each placement (see applyPlacement).
    wallTimeSeconds: limits.cpuWorkHs06Seconds != null ? null : job.wallTimeSeconds,
    platform: job.platform,
    requiredSoftware: job.requiredSoftware,
    tags: job.tags,
    ...limits,
  };
}

const fingerprintOfJob = (job: Job) =>
  fingerprint({
    ...specOf(job),
    arguments: job.arguments,
    inputDatasetIds: job.inputDatasetIds,
    outputs: job.outputPatterns,
  });

/** A new attempt: what the last one left behind is cleared (its events stay). */
export function reopen(job: Job) {
  job.attempt += 1;
  job.backendJobId = null;
  job.workDir = null;
  job.exitCode = null;
  job.startedAt = null;
  job.finishedAt = null;
  job.nativeState = null;
  job.statusReason = null;
  job.pendingAction = null;
  job.unreachableSince = null;
  job.dispatchClaims = 0;
  job.dispatchLeaseUntil = null;
  job.outputsState = null;
  job.outputDatasetIds = [];
  // Reopened from a final status: the lifecycle does not reopen final jobs on its own.
  job.status = JobStatus.SUBMITTED;
}

/** Records where a job goes, with the placement's reasons and the account it will run as. */
export function applyPlacement(em: EntityManager, job: Job, placed: Placed) {
  job.siteId = placed.siteId;
  job.queue = placed.queue;
  job.endpointUrl = placed.endpoint.url;
  job.endpointInterface = placed.endpoint.interfaceName;
  job.backend = placed.chosen.backend.kind;
  job.placementScore = placed.score;
  job.placementReasons = placed.reasons;
  job.inputReplicas = placed.inputReplicas;
  // CPU work (a JDL's CPUTime, HS06-seconds) is this many seconds on the chosen site's cores; a
  // site with no benchmark gets the work as seconds (a core does at least 1 HS06), never less.
  const work = job.placementLimits?.cpuWorkHs06Seconds;
  if (work != null) job.wallTimeSeconds = placed.cpuTimeSeconds ?? work;
  const { account, rule } = accountFor(placed.chosen.accounts, job.vo, job.owner);
  job.account = account;
  const terms = placed.reasons.map((r) => `${r.code} ${r.points >= 0 ? "+" : ""}${r.points}`).join(", ");
  record(em, job, {
    message: `Placed at ${placed.siteId}, queue ${placed.queue}, endpoint ${placed.endpoint.url} (score ${placed.score}: ${terms}).${
      work != null
        ? ` Wall time ${job.wallTimeSeconds} s: ${work} HS06-seconds of CPU work${placed.cpuTimeSeconds != null ? ` at ${placed.siteId}'s benchmark` : ` (${placed.siteId} publishes no benchmark)`}.`
        : ""
    }${placed.passedOver.length ? ` Passed over: ${placed.passedOver.join(" ")}` : ""}`,
  });
  record(em, job, {
    message: `Runs on ${placed.chosen.backend.describe()} as account '${account}' (${rule}).`,
  });
  job.dataToMove = placed.dataToMove ?? null;
  job.dataRequestIds = [];
  if (placed.dataToMove) {
    const { stage, transfer } = placed.dataToMove;
    record(em, job, {
      status: JobStatus.STAGING,
      message: `Waits for its inputs at ${placed.siteId}: ${[
        stage.length && `${stage.length} to recall from tape there`,
        transfer.length && `${transfer.length} to copy there from other sites`,
      ]
        .filter(Boolean)
        .join(", ")}.`,
    });
  }
}
