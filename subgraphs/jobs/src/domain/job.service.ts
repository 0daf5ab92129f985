import type { FilterQuery, ObjectQuery } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  andVisible,
  badInput,
  findPage,
  type Access,
  type ConnectionResult,
  type Page,
} from "@gridgraph/kit";
import { visibleJobFilter } from "./job.policy";
import { Job, JobEvent, JobStatus } from "../entities";

export interface JobQuery {
  status?: JobStatus | null;
  vo?: string | null;
  owner?: string | null;
  siteId?: string | null;
}

export interface JobSpec {
  name: string;
  vo: string;
  executable: string;
  arguments?: string[] | null;
  cores?: number | null;
  memoryMb?: number | null;
  gpus?: number | null;
  wallTimeSeconds?: number | null;
  platform?: string | null;
  requiredSoftware?: string[] | null;
  containerImage?: string | null;
  tags?: string[] | null;
  inputDatasetIds?: string[] | null;
}

/** Upper bounds that catch typos (a wall time in ms, memory in bytes) rather than real needs. */
const LIMITS = { cores: 100_000, memoryMb: 64 * 1024 * 1024, gpus: 1024, wallTimeSeconds: 366 * 24 * 3600 };

export class JobService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
  ) {}

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
    return findPage(this.em, Job, this.visible(where as FilterQuery<Job>), page);
  }

  /**
   * Records a job as SUBMITTED with its first event, in one transaction. Placement and
   * execution are the job-execution issue; the record is what they will act on.
   */
  async submit(spec: JobSpec): Promise<Job> {
    for (const key of ["name", "vo", "executable"] as const) {
      if (!spec[key]?.trim()) throw badInput(`'${key}' must not be empty.`, key);
    }
    for (const [key, max] of Object.entries(LIMITS) as [keyof typeof LIMITS, number][]) {
      const value = spec[key];
      const min = key === "gpus" ? 0 : 1;
      if (value != null && (!Number.isInteger(value) || value < min || value > max)) {
        throw badInput(`'${key}' must be a whole number from ${min} to ${max}; got ${value}.`, key);
      }
    }
    this.access.requireMemberOf(spec.vo.trim(), "submit jobs");
    const owner = this.access.sub!;
    const inputs = [...new Set(spec.inputDatasetIds ?? [])];
    if (inputs.some((id) => !id.trim())) throw badInput("'inputs' must not contain empty ids.", "inputs");
    return this.em.transactional(async (em) => {
      const job = em.create(Job, {
        name: spec.name.trim(),
        owner,
        vo: spec.vo.trim(),
        executable: spec.executable.trim(),
        arguments: spec.arguments ?? [],
        cores: spec.cores ?? 1,
        memoryMb: spec.memoryMb ?? 2000,
        gpus: spec.gpus ?? 0,
        wallTimeSeconds: spec.wallTimeSeconds ?? 3600,
        platform: spec.platform ?? null,
        requiredSoftware: spec.requiredSoftware ?? [],
        containerImage: spec.containerImage ?? null,
        tags: spec.tags ?? [],
        inputDatasetIds: inputs,
        status: JobStatus.SUBMITTED,
      });
      em.create(JobEvent, {
        job,
        status: JobStatus.SUBMITTED,
        message: "Job recorded; waiting for placement.",
      });
      return job;
    });
  }
}
