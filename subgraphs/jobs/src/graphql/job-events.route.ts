import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  andVisible,
  readOnlyRouteId,
  sendJsonError,
  serveEventStream,
  type Access,
  type Database,
  type StreamedEvent,
} from "@gridgraph/kit";
import { visibleJobFilter } from "../domain/job.policy";
import { changes } from "../domain/lifecycle";
import { isFinal, Job, JobEvent } from "../entities";
import type { JobsRuntime } from "../runtime";

const eventJson = (e: JobEvent) => ({
  jobId: e.jobId,
  seq: e.seq,
  at: e.at.toISOString(),
  status: e.status,
  nativeState: e.nativeState ?? null,
  message: e.message,
  source: e.source,
});

/**
 * The jobs service's own HTTP routes, reached through the gateway (which adds the caller's
 * assertion) and answering with the caller's rights, like GraphQL:
 *   GET /jobs/<id>/events             server-sent events: the job's log, then each new event as
 *                                     it is written; `id:` is the event's seq, so Last-Event-ID
 *                                     resumes; ends with `event: end` once the job is final
 *   GET /job-collections/<id>/events  the same for every job of a collection
 *   GET /jobs/<id>/stdout | stderr    the whole file (Job.stdout gives the tail)
 * A job hidden from the caller is 404, like one that does not exist.
 */
export function eventRoutes(db: Database, runtime: JobsRuntime) {
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    accessOf: (req: IncomingMessage) => Promise<Access>,
  ) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = /^\/(jobs|job-collections)\/([^/]+)\/(events|stdout|stderr)$/.exec(url.pathname);
    if (!match) return false;
    const [, kind, rawId, what] = match;
    const id = readOnlyRouteId(req, res, rawId);
    if (id === null) return true;
    const access = await accessOf(req);
    const em = db.orm.em.fork() as EntityManager;
    const visible = visibleJobFilter(access);
    if (kind === "jobs") {
      const job = await em.findOne(Job, andVisible({ id }, visible));
      if (!job) {
        sendJsonError(res, 404, "NOT_FOUND", `Job '${id}' does not exist (or is not visible to you).`);
        return true;
      }
      if (what === "events") {
        const after = Number(req.headers["last-event-id"] ?? url.searchParams.get("after") ?? 0) || 0;
        await streamEvents(db, res, [id], new Map([[id, after]]));
      } else sendLog(res, runtime, job, what as "stdout" | "stderr");
      return true;
    }
    if (what !== "events") return false;
    const jobs = await em.find(Job, andVisible({ collectionId: id }, visible), { fields: ["id"] });
    if (!jobs.length) {
      sendJsonError(
        res,
        404,
        "NOT_FOUND",
        `Job collection '${id}' does not exist (or is not visible to you).`,
      );
      return true;
    }
    await streamEvents(
      db,
      res,
      jobs.map((j) => j.id),
      new Map(),
    );
    return true;
  };
}

function sendLog(res: ServerResponse, runtime: JobsRuntime, job: Job, which: "stdout" | "stderr") {
  const backend = runtime.backends.forJob(job);
  const file = backend && job.workDir ? backend.logFiles(job.workDir)[which] : null;
  if (!file || !fs.existsSync(file)) {
    sendJsonError(res, 404, "NOT_FOUND", `Job '${job.id}' has no ${which} yet.`);
    return;
  }
  res.writeHead(200, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": String(fs.statSync(file).size),
    "content-disposition": `inline; filename="${job.id}.${which}.txt"`,
  });
  fs.createReadStream(file).pipe(res);
}

/** Streams events after the seq each job's stream has seen, until every job is final and its outputs are settled. */
function streamEvents(db: Database, res: ServerResponse, jobIds: string[], seen: Map<string, number>) {
  return serveEventStream(
    res,
    {
      subscribe(wake) {
        const onChange = (changed: string) => {
          if (jobIds.includes(changed)) wake();
        };
        changes.on("job", onChange);
        return () => changes.off("job", onChange);
      },
      async next() {
        const em = db.orm.em.fork() as EntityManager;
        // One job: only what is new, in its own numbering. A collection: all, interleaved by time.
        const events =
          jobIds.length === 1
            ? await em.find(
                JobEvent,
                { job: jobIds[0], seq: { $gt: seen.get(jobIds[0]) ?? 0 } },
                { orderBy: { seq: "asc" } },
              )
            : await em.find(JobEvent, { job: { $in: jobIds } }, { orderBy: { at: "asc", seq: "asc" } });
        const fresh: StreamedEvent[] = [];
        for (const event of events) {
          if (event.seq <= (seen.get(event.jobId) ?? 0)) continue;
          seen.set(event.jobId, event.seq);
          const id = jobIds.length === 1 ? String(event.seq) : `${event.jobId}:${event.seq}`;
          fresh.push({ id, event: "job", data: eventJson(event) });
        }
        const jobs = await em.find(
          Job,
          { id: { $in: jobIds } },
          { fields: ["id", "status", "outputsState"] },
        );
        const done = jobs.every((j) => isFinal(j.status) && j.outputsState !== "PENDING");
        return {
          events: fresh,
          end: done
            ? { event: "end", data: { statuses: Object.fromEntries(jobs.map((j) => [j.id, j.status])) } }
            : undefined,
        };
      },
    },
    "gridgraph job events",
  );
}
