import type { IncomingMessage, ServerResponse } from "node:http";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  andVisible,
  readOnlyRouteId,
  sendJsonError,
  serveEventStream,
  type Access,
  type Database,
} from "@gridgraph/kit";
import { visibleRequestFilter } from "../domain/data-request.policy";
import { requestChanges } from "../domain/data-request-events";
import {
  DataFileState,
  DataRequest,
  DataRequestEvent,
  DataRequestFile,
  FINAL_REQUEST_STATES,
} from "../entities";

/**
 * The datasets service's own HTTP route, reached through the gateway with the caller's rights:
 *   GET /data-requests/<id>/events   server-sent events: the request's log (`event: request`,
 *                                    `id:` its seq, so Last-Event-ID resumes), `event: progress`
 *                                    with the bytes of files being copied, and `event: end`
 *                                    once the request is final.
 * A request hidden from the caller is 404, like one that does not exist.
 */
export function dataRequestRoutes(db: Database) {
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    accessOf: (req: IncomingMessage) => Promise<Access>,
  ) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = /^\/data-requests\/([^/]+)\/events$/.exec(url.pathname);
    if (!match) return false;
    const id = readOnlyRouteId(req, res, match[1]);
    if (id === null) return true;
    const access = await accessOf(req);
    const found = /^[0-9a-f-]{36}$/i.test(id)
      ? await (db.orm.em.fork() as EntityManager).findOne(
          DataRequest,
          andVisible({ id }, visibleRequestFilter(access)),
        )
      : null;
    if (!found) {
      sendJsonError(res, 404, "NOT_FOUND", `Data request '${id}' does not exist (or is not visible to you).`);
      return true;
    }
    let seen = Number(req.headers["last-event-id"] ?? url.searchParams.get("after") ?? 0) || 0;
    const progressSent = new Map<string, number>();
    await serveEventStream(
      res,
      {
        subscribe(wake) {
          const onChange = (changed: string) => {
            if (changed === id) wake();
          };
          requestChanges.on("request", onChange);
          return () => requestChanges.off("request", onChange);
        },
        async next() {
          const em = db.orm.em.fork() as EntityManager;
          const events = await em.find(
            DataRequestEvent,
            { request: id, seq: { $gt: seen } },
            { orderBy: { seq: "asc" } },
          );
          const out = events.map((e) => {
            seen = e.seq;
            return {
              id: String(e.seq),
              event: "request",
              data: {
                requestId: id,
                seq: e.seq,
                at: e.at.toISOString(),
                fileId: e.fileId ?? null,
                datasetId: e.datasetId ?? null,
                state: e.state,
                bytesDone: e.bytesDone ?? null,
                message: e.message,
              },
            };
          });
          const active = await em.find(DataRequestFile, { request: id, state: DataFileState.ACTIVE });
          for (const file of active) {
            if (progressSent.get(file.id) === file.bytesDone) continue;
            progressSent.set(file.id, file.bytesDone);
            out.push({
              id: String(seen),
              event: "progress",
              data: {
                requestId: id,
                fileId: file.id,
                datasetId: file.datasetId,
                bytesDone: file.bytesDone,
                bytesTotal: file.bytesTotal,
              } as never,
            });
          }
          const request = await em.findOneOrFail(DataRequest, { id }, { fields: ["state"] });
          const end =
            FINAL_REQUEST_STATES.includes(request.state) && !events.length
              ? { event: "end", data: { requestId: id, state: request.state } }
              : undefined;
          return { events: out, end };
        },
      },
      "gridgraph data request events",
    );
    return true;
  };
}
