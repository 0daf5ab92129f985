import { EventEmitter } from "node:events";
import type { EntityManager } from "@mikro-orm/postgresql";
import { DataRequest, DataRequestEvent, type DataRequestFile } from "../entities";

/** Tells this process's event streams that a request has news ("request", id) or progress ("progress", id). */
export const requestChanges = new EventEmitter();
requestChanges.setMaxListeners(0);

/**
 * Records what happened to a request or one of its files, numbered per request (the stream's
 * event id). Flushed with the caller's unit of work, so the event and the state change land together.
 */
export function recordRequestEvent(
  em: EntityManager,
  request: DataRequest,
  message: string,
  file?: DataRequestFile,
) {
  request.eventCount += 1;
  em.create(DataRequestEvent, {
    request,
    seq: request.eventCount,
    fileId: file?.id ?? null,
    datasetId: file?.datasetId ?? null,
    state: file ? file.state : request.state,
    bytesDone: file ? file.bytesDone : null,
    message,
  });
  requestChanges.emit("request", request.id);
}
