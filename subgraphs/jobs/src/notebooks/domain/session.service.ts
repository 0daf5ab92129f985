import fs from "node:fs";
import path from "node:path";
import type { EntityManager } from "@mikro-orm/postgresql";
import { ApiError, forbidden, notFound, type Access } from "@gridgraph/kit";
import { isFinal, type Job } from "../../entities";
import { JobService } from "../../domain/job.service";
import { repositoryPath } from "../../execution/work-dir";
import { requireJobsRuntime } from "../../require-runtime";
import type { JobsRuntime } from "../../runtime";

/** What `startNotebookSession` is asked. */
export interface SessionRequest {
  vo: string;
  datasetIds?: string[] | null;
  siteId?: string | null;
  cores?: number | null;
  memoryMb?: number | null;
  wallTimeSeconds?: number | null;
  idleTimeoutSeconds?: number | null;
  /** A kernel other than python3 (e.g. octave): the site must publish it as software. */
  kernel?: string | null;
}

/**
 * How a job is known to be a notebook session: session.py's settings in its environment
 * (job tags are placement requirements, not labels).
 */
const SESSION_MARK = "NOTEBOOK_IDLE_SECONDS";
export const isSession = (job: Job) => SESSION_MARK in job.environment;
/** Where a session is served through the gateway (its Jupyter server's base URL). */
export const sessionPath = (jobId: string) => `/notebooks/${jobId}/`;

/** What the session's server wrote for the jobs service (session.py). */
export interface SessionServer {
  port: number;
  token: string;
  baseUrl: string;
}

/**
 * Interactive notebook sessions: a Jupyter server started as a job (session.py) where
 * placement puts it (the session's datasets first), its datasets in its working directory,
 * reached only through the gateway by its owner (the notebook proxy adds the server's token),
 * stopped by its owner or after being idle; what it wrote under outputs/ becomes datasets.
 */
export class SessionService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
    private readonly runtime: JobsRuntime | undefined,
  ) {}

  private get jobs(): JobsRuntime {
    return requireJobsRuntime(this.runtime);
  }

  async start(request: SessionRequest): Promise<Job> {
    this.access.requireMemberOf(request.vo, "start notebook sessions");
    const kernel = request.kernel?.trim() || "python3";
    const idle = request.idleTimeoutSeconds ?? 3600;
    if (!Number.isInteger(idle) || idle < 60 || idle > 7 * 24 * 3600)
      throw new ApiError("BAD_USER_INPUT", `'idleTimeoutSeconds' must be 60..604800; got ${idle}.`, {
        field: "idleTimeoutSeconds",
      });
    const [job] = await new JobService(this.em, this.access, this.runtime).submitMany([
      {
        name: `notebook session (${kernel})`,
        vo: request.vo,
        executable: this.jobs.settings.notebookPython,
        arguments: [repositoryPath("subgraphs", "jobs", "notebook", "session.py")],
        environment: [
          { name: "PYTHONPATH", value: repositoryPath("subgraphs", "jobs", "notebook") },
          { name: SESSION_MARK, value: String(idle) },
        ],
        inputDatasetIds: request.datasetIds ?? [],
        outputs: ["outputs/**"],
        // Another kernel is software the site must publish, placed like any job's.
        requiredSoftware: kernel === "python3" ? [] : [kernel],
        siteId: request.siteId ?? null,
        cores: request.cores ?? 1,
        memoryMb: request.memoryMb ?? 2048,
        wallTimeSeconds: request.wallTimeSeconds ?? 4 * 3600,
      },
    ]);
    return job;
  }

  /** The caller's own session (its owner only: nobody else may reach or stop it). */
  async own(id: string): Promise<Job> {
    const job = await new JobService(this.em, this.access, this.runtime).get(id);
    if (!job || !isSession(job)) throw notFound("NotebookSession", id);
    if (job.owner !== this.access.sub)
      throw forbidden(`Notebook session '${id}' is ${job.owner}'s; only its owner may open or stop it.`);
    return job;
  }

  /**
   * Stops a session: its server is asked to shut down (the job then completes and what it
   * wrote under outputs/ is registered); one that does not answer is cancelled. Stopping a
   * stopped session changes nothing.
   */
  async stop(id: string): Promise<Job> {
    const job = await this.own(id);
    if (isFinal(job.status)) return job;
    const server = serverOf(job);
    if (server) {
      const asked = await fetch(`http://127.0.0.1:${server.port}${server.baseUrl}api/shutdown`, {
        method: "POST",
        headers: { authorization: `token ${server.token}` },
        signal: AbortSignal.timeout(10_000),
      }).catch(() => null);
      if (asked?.ok) return job;
    }
    return new JobService(this.em, this.access, this.runtime).cancel(id);
  }
}

/** The session's server as session.py wrote it next to the working directory; null before it did. */
export function serverOf(job: Job): SessionServer | null {
  if (!job.workDir) return null;
  try {
    return JSON.parse(fs.readFileSync(path.join(job.workDir, "session.json"), "utf8")) as SessionServer;
  } catch {
    return null;
  }
}

/** Why a session cannot be reached now, or null when it can. */
export function unreachable(job: Job, server: SessionServer | null): string | null {
  if (isFinal(job.status)) return `Notebook session '${job.id}' has ended (${job.status}).`;
  if (!server || job.status !== "RUNNING")
    return `Notebook session '${job.id}' is starting (${job.status}); try again shortly.`;
  return null;
}
