import { EventEmitter } from "node:events";
import type { EntityManager } from "@mikro-orm/postgresql";
import { DataRequest, DataRequestEvent, type DataRequestFile } from "../entities";

/** Tells this process's event streams that a request has news (emitted after commit). */
export const requestChanges = new EventEmitter();
requestChanges.setMaxListeners(0);

interface PendingEvent {
  requestId: string;
  state: string;
  fileId: string | null;
  datasetId: string | null;
  bytesDone: number | null;
  message: string;
}
const pending = new WeakMap<EntityManager, PendingEvent[]>();

/**
 * Notes what happened to a request or one of its files (the state as it is now); written by
 * `saveRequestChanges` together with the changes that caused it.
 */
export function recordRequestEvent(
  em: EntityManager,
  request: DataRequest,
  message: string,
  file?: DataRequestFile,
) {
  const list = pending.get(em) ?? [];
  pending.set(em, list);
  list.push({
    requestId: request.id,
    state: file ? file.state : request.state,
    fileId: file?.id ?? null,
    datasetId: file?.datasetId ?? null,
    bytesDone: file ? file.bytesDone : null,
    message,
  });
}

/**
 * Flushes `em` and the events recorded on it in one transaction. Each event's number comes
 * from its request's row (`event_count + 1`, under that row's lock until commit), so the
 * files of one request moving at once never share a number, and events commit in number
 * order: a stream that has seen number n never misses one below it.
 */
export async function saveRequestChanges(em: EntityManager): Promise<void> {
  const events = pending.get(em) ?? [];
  pending.delete(em);
  const inTransaction = em.isInTransaction();
  if (!inTransaction) await em.begin();
  try {
    await em.flush();
    for (const e of events) {
      const [row] = await em
        .getConnection()
        .execute<{ event_count: number }[]>(
          "update data_request set event_count = event_count + 1 where id = ? returning event_count",
          [e.requestId],
          "all",
          em.getTransactionContext(),
        );
      em.create(DataRequestEvent, {
        request: em.getReference(DataRequest, e.requestId),
        seq: row.event_count,
        fileId: e.fileId,
        datasetId: e.datasetId,
        state: e.state,
        bytesDone: e.bytesDone,
        message: e.message,
      });
    }
    if (inTransaction) await em.flush();
    else await em.commit();
  } catch (error) {
    if (!inTransaction) await em.rollback();
    throw error;
  }
  for (const id of new Set(events.map((e) => e.requestId))) requestChanges.emit("request", id);
}
