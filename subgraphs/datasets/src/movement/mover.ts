import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Database, Logger } from "@gridgraph/kit";
import { recordRequestEvent, requestChanges, saveRequestChanges } from "../domain/data-request-events";
import {
  DataFileState,
  DataRequest,
  DataRequestFile,
  DataRequestKind,
  DataRequestState,
  DatasetChange,
  DatasetChangeAction,
  Dataset,
  FINAL_FILE_STATES,
  FINAL_REQUEST_STATES,
  Replica,
  ReplicaState,
} from "../entities";
import type { DatasetsRuntime } from "../runtime";
import { TransferError } from "./engine";

const PROGRESS_SAVE_MS = 1000;

/**
 * Works the data requests' files: claims the ones that are due (a new file, a retry whose
 * backoff has passed, a recall whose delay is over, or one whose mover died: its lease ran out)
 * with SKIP LOCKED so several replicas of the service share the work, recalls from tape, copies
 * with the engine the URLs need, verifies ADLER32, registers the new replica, retries with
 * exponential backoff, and settles the request when every file is final.
 */
export class Mover {
  private readonly running = new Map<string, AbortController>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly runtime: DatasetsRuntime,
    private readonly logger: Logger,
  ) {}

  start() {
    const loop = () => {
      if (this.stopped) return;
      this.wake();
      this.timer = setTimeout(loop, this.runtime.settings.tickMs);
      this.timer.unref?.();
    };
    loop();
  }

  /** Looks for due work now (a submit does not wait for the next tick). */
  wake() {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.tick()
      .catch((error: unknown) => this.logger.error("the mover's pass failed", { error }))
      .finally(() => {
        this.ticking = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Stops the copies of these files (a cancelled request). */
  abort(fileIds: string[]) {
    for (const id of fileIds) this.running.get(id)?.abort();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const controller of this.running.values()) controller.abort();
    await this.ticking;
    while (this.running.size) await new Promise((r) => setTimeout(r, 20));
  }

  private async tick() {
    const free = this.runtime.settings.concurrency - this.running.size;
    if (free <= 0) return;
    const em = this.db.orm.em.fork() as EntityManager;
    const claimed = await em.transactional(async (tx) => {
      const rows = await tx.getConnection().execute<{ id: string }[]>(
        `select id from data_request_file
          where state in (?, ?, ?) and next_attempt_at <= now() and (lease_until is null or lease_until < now())
          order by next_attempt_at, index limit ? for update skip locked`,
        [DataFileState.SUBMITTED, DataFileState.STAGING, DataFileState.ACTIVE, free],
        "all",
        tx.getTransactionContext(),
      );
      const ids = rows.map((r) => r.id);
      if (ids.length)
        await tx.nativeUpdate(
          DataRequestFile,
          { id: { $in: ids } },
          { leaseUntil: new Date(Date.now() + this.runtime.settings.leaseMs) },
        );
      return ids;
    });
    for (const id of claimed) {
      const controller = new AbortController();
      this.running.set(id, controller);
      void this.process(id, controller.signal).finally(() => {
        this.running.delete(id);
        this.wake();
      });
    }
  }

  private async process(fileId: string, signal: AbortSignal) {
    const em = this.db.orm.em.fork() as EntityManager;
    const file = await em.findOneOrFail(DataRequestFile, { id: fileId }, { populate: ["request"] });
    const request = file.request.getEntity();
    // Holding the lease while a long copy says nothing (gfal reports at the end only).
    const renew = setInterval(() => {
      void em
        .fork()
        .nativeUpdate(
          DataRequestFile,
          { id: fileId },
          { leaseUntil: new Date(Date.now() + this.runtime.settings.leaseMs) },
        )
        .catch(() => undefined);
    }, this.runtime.settings.leaseMs / 3);
    try {
      if (request.state === DataRequestState.CANCELED || FINAL_FILE_STATES.includes(file.state)) return;
      if (request.state === DataRequestState.SUBMITTED) request.state = DataRequestState.ACTIVE;
      await this.step(em, request, file, signal);
    } catch (error) {
      await em.refresh(request);
      // Cancelled meanwhile: the cancel already wrote the file's final state; keep it.
      if (request.state === DataRequestState.CANCELED) await em.refresh(file);
      else if (this.stopped) this.interrupted(em, request, file);
      else this.failAttempt(em, request, file, error);
    } finally {
      clearInterval(renew);
      file.leaseUntil = null;
      await saveRequestChanges(em).catch((error: unknown) =>
        this.logger.error("could not save a file's state", { error, fileId }),
      );
    }
    if (FINAL_FILE_STATES.includes(file.state))
      await this.settle(request.id).catch((error: unknown) =>
        this.logger.error("could not settle a request", { error }),
      );
  }

  private async step(em: EntityManager, request: DataRequest, file: DataRequestFile, signal: AbortSignal) {
    const { storage } = this.runtime;
    const source = await this.sourceOf(em, request, file);
    if (source.state === ReplicaState.NEARLINE || source.state === ReplicaState.STAGING) {
      if (!storage.embedded(source.storageUrl))
        throw new TransferError(
          `recalling from ${source.storageUrl} needs a WLCG Tape REST API client, which this deployment does not configure`,
          false,
        );
      if (file.state !== DataFileState.STAGING) {
        // The embedded tape: the copy becomes readable after the configured delay.
        file.state = DataFileState.STAGING;
        source.state = ReplicaState.STAGING;
        file.nextAttemptAt = new Date(Date.now() + this.runtime.settings.stageDelayMs);
        recordRequestEvent(
          em,
          request,
          `Recalling from tape at ${source.siteId} (${source.storageUrl}).`,
          file,
        );
        return;
      }
      file.attempts += 1;
      const tape = storage.locate(source.siteId, source.storageUrl, source.path, true);
      const disk = storage.locate(source.siteId, source.storageUrl, source.path);
      const recalled = await this.copyVerified(em, request, file, tape, disk, signal);
      source.state = ReplicaState.ONLINE;
      source.sizeBytes = recalled.bytes;
      source.checksum = recalled.checksum;
      this.logChange(em, request, source, DatasetChangeAction.REPLICA_UPDATED, {
        state: { before: ReplicaState.NEARLINE, after: ReplicaState.ONLINE },
      });
      if (request.kind === DataRequestKind.STAGE) {
        this.finish(em, request, file, source, recalled, `Staged: on disk at ${source.siteId}`);
        return;
      }
      recordRequestEvent(
        em,
        request,
        `Recalled to disk at ${source.siteId} (${recalled.checksum} verified).`,
        file,
      );
      file.attempts = 0;
    }
    file.state = DataFileState.ACTIVE;
    file.attempts += 1;
    file.startedAt ??= new Date();
    file.bytesDone = 0;
    const from = storage.locate(source.siteId, source.storageUrl, source.path);
    const to = storage.locate(request.destinationSiteId, request.destinationStorageUrl, file.destinationPath);
    recordRequestEvent(
      em,
      request,
      `Copying from ${source.siteId} to ${request.destinationSiteId} (attempt ${file.attempts} of ${request.maxAttempts}, ${this.runtime.engineFor(from, to).name} engine).`,
      file,
    );
    await saveRequestChanges(em);
    const copied = await this.copyVerified(em, request, file, from, to, signal);
    let replica = await em.findOne(Replica, {
      dataset: file.datasetId,
      siteId: request.destinationSiteId,
      storageUrl: request.destinationStorageUrl,
      path: file.destinationPath,
    });
    const before = replica ? { state: replica.state } : null;
    replica ??= em.create(Replica, {
      dataset: em.getReference(Dataset, file.datasetId),
      siteId: request.destinationSiteId,
      storageUrl: request.destinationStorageUrl,
      path: file.destinationPath,
    });
    replica.state = ReplicaState.ONLINE;
    replica.sizeBytes = copied.bytes;
    replica.checksum = copied.checksum;
    this.logChange(
      em,
      request,
      replica,
      before ? DatasetChangeAction.REPLICA_UPDATED : DatasetChangeAction.REPLICA_ADDED,
      {
        state: { before: before?.state ?? null, after: ReplicaState.ONLINE },
        siteId: { before: null, after: replica.siteId },
        path: { before: null, after: replica.path },
      },
    );
    this.finish(
      em,
      request,
      file,
      replica,
      copied,
      `Finished: replica registered ONLINE at ${request.destinationSiteId}`,
    );
  }

  /** Copies and checks what arrived against the checksum the file must have; a mismatch removes the copy. */
  private async copyVerified(
    em: EntityManager,
    request: DataRequest,
    file: DataRequestFile,
    from: string,
    to: string,
    signal: AbortSignal,
  ) {
    const engine = this.runtime.engineFor(from, to);
    let saved = 0;
    const result = await engine.copy(from, to, {
      signal,
      onProgress: (bytes) => {
        file.bytesDone = bytes;
        if (Date.now() - saved < PROGRESS_SAVE_MS) return;
        saved = Date.now();
        void em
          .fork()
          .nativeUpdate(
            DataRequestFile,
            { id: file.id },
            { bytesDone: bytes, leaseUntil: new Date(Date.now() + this.runtime.settings.leaseMs) },
          )
          .then(() => requestChanges.emit("request", request.id))
          .catch(() => undefined);
      },
    });
    file.bytesDone = result.bytes;
    file.checksumActual = result.checksum;
    if (file.checksumExpected && file.checksumExpected !== result.checksum) {
      await engine.remove(to).catch(() => undefined);
      throw new TransferError(
        `checksum mismatch: the catalogue says ${file.checksumExpected}, the copy has ${result.checksum}; the copy was removed and not registered`,
      );
    }
    return result;
  }

  private finish(
    em: EntityManager,
    request: DataRequest,
    file: DataRequestFile,
    replica: Replica,
    result: { bytes: number; checksum: string },
    what: string,
  ) {
    file.state = DataFileState.FINISHED;
    file.replicaId = replica.id;
    file.finishedAt = new Date();
    file.nextAttemptAt = null;
    file.lastError = null;
    const verified = file.checksumExpected
      ? `${result.checksum} verified`
      : `${result.checksum} measured (the catalogue had none)`;
    recordRequestEvent(em, request, `${what}; ${result.bytes} bytes, ${verified}.`, file);
  }

  /** The service is stopping: the copy was cut short, and is tried again (not counted) when it is back. */
  private interrupted(em: EntityManager, request: DataRequest, file: DataRequestFile) {
    file.attempts = Math.max(0, file.attempts - 1);
    file.bytesDone = 0;
    file.state = file.state === DataFileState.STAGING ? DataFileState.STAGING : DataFileState.SUBMITTED;
    file.nextAttemptAt = new Date();
    recordRequestEvent(
      em,
      request,
      "Interrupted: the datasets service stopped; it tries again when it is back.",
      file,
    );
  }

  private failAttempt(em: EntityManager, request: DataRequest, file: DataRequestFile, error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    const retry = !(error instanceof TransferError) || error.retry;
    file.lastError = message;
    file.attempts = Math.max(file.attempts, 1);
    if (retry && file.attempts < request.maxAttempts) {
      const delay = this.runtime.settings.retryBaseMs * 2 ** (file.attempts - 1);
      file.state = file.state === DataFileState.STAGING ? DataFileState.STAGING : DataFileState.SUBMITTED;
      file.nextAttemptAt = new Date(Date.now() + delay);
      recordRequestEvent(
        em,
        request,
        `Attempt ${file.attempts} failed: ${message}; trying again in ${Math.round(delay / 1000)} s.`,
        file,
      );
      return;
    }
    file.state = DataFileState.FAILED;
    file.nextAttemptAt = null;
    file.finishedAt = new Date();
    recordRequestEvent(em, request, `Failed after ${file.attempts} attempt(s): ${message}`, file);
    this.logger.warn("a data request's file failed", {
      requestId: request.id,
      fileId: file.id,
      reason: message,
    });
  }

  /** The request's state from its files': final once every file is (counted under the request's lock). */
  private async settle(requestId: string) {
    const em = this.db.orm.em.fork() as EntityManager;
    // Most files are not the last one: one cheap look before taking the request's lock.
    const open = await em.count(DataRequestFile, { request: requestId, state: { $nin: FINAL_FILE_STATES } });
    if (open > 0) return;
    await em.transactional(async (tx) => {
      const request = await tx.findOneOrFail(
        DataRequest,
        { id: requestId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (FINAL_REQUEST_STATES.includes(request.state)) return;
      // Counted in the database: a request of 1,000 files does not load 1,000 rows per file.
      const rows = await tx
        .getConnection()
        .execute<{ state: DataFileState; files: number; bytes: string | null }[]>(
          "select state, count(*)::int as files, sum(bytes_done) as bytes from data_request_file where request_id = ? group by state",
          [requestId],
          "all",
          tx.getTransactionContext(),
        );
      const count = (state: DataFileState) => rows.find((r) => r.state === state)?.files ?? 0;
      const total = rows.reduce((n, r) => n + r.files, 0);
      if (rows.some((r) => !FINAL_FILE_STATES.includes(r.state))) return;
      const finished = count(DataFileState.FINISHED);
      request.state =
        finished === total
          ? DataRequestState.FINISHED
          : finished === 0
            ? DataRequestState.FAILED
            : DataRequestState.FINISHED_DIRTY;
      request.finishedAt = new Date();
      const bytes = Number(rows.find((r) => r.state === DataFileState.FINISHED)?.bytes ?? 0);
      recordRequestEvent(
        tx,
        request,
        `${request.state}: ${finished} of ${total} file(s) done, ${bytes} bytes.`,
      );
      await saveRequestChanges(tx);
    });
  }

  private async sourceOf(em: EntityManager, request: DataRequest, file: DataRequestFile): Promise<Replica> {
    const chosen = file.sourceReplicaId ? await em.findOne(Replica, { id: file.sourceReplicaId }) : null;
    if (chosen && chosen.state !== ReplicaState.LOST) return chosen;
    // The chosen copy was deleted or lost since: read another one.
    const other = await em.findOne(
      Replica,
      {
        dataset: file.datasetId,
        state: { $in: [ReplicaState.ONLINE, ReplicaState.NEARLINE] },
        siteId: { $ne: request.destinationSiteId },
      },
      { orderBy: { state: "desc" } },
    );
    if (!other) throw new TransferError(`dataset '${file.datasetId}' has no copy left to read`, false);
    file.sourceReplicaId = other.id;
    file.sourceSiteId = other.siteId;
    file.sourceStorageUrl = other.storageUrl;
    file.sourcePath = other.path;
    return other;
  }

  private logChange(
    em: EntityManager,
    request: DataRequest,
    replica: Replica,
    action: DatasetChangeAction,
    changes: Record<string, { before: unknown; after: unknown }>,
  ) {
    em.create(DatasetChange, {
      datasetId: replica.datasetId,
      replicaId: replica.id,
      action,
      actor: request.owner,
      changes,
      reason: `data request ${request.id}`,
    });
  }
}
