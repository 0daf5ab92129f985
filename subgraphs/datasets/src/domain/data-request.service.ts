import type { EntityManager } from "@mikro-orm/postgresql";
import {
  andVisible,
  ApiError,
  badInput,
  findPage,
  forbidden,
  notFound,
  type Access,
  type ConnectionResult,
  type Page,
} from "@gridgraph/kit";
import { visibleDatasetFilter } from "./dataset.policy";
import { canCancelRequest, visibleRequestFilter } from "./data-request.policy";
import { recordRequestEvent, saveRequestChanges } from "./data-request-events";
import { viewerOf } from "./dataset.service";
import { endpointAt, endpointServes, siteStorage } from "./site-storage";
import type { DatasetsRuntime } from "../runtime";
import {
  DataFileState,
  DataRequest,
  DataRequestFile,
  DataRequestKind,
  DataRequestState,
  Dataset,
  FINAL_FILE_STATES,
  FINAL_REQUEST_STATES,
  Replica,
  ReplicaState,
} from "../entities";

export interface DataRequestInput {
  kind: DataRequestKind;
  datasetIds: string[];
  /** TRANSFER: where to; STAGE: the site holding the tape copies (needed when they are at several). */
  siteId?: string | null;
  /** TRANSFER: which endpoint of the site (default: the first on-disk endpoint serving the VO). */
  storageUrl?: string | null;
}

/** One file of a plan: where it comes from and what it takes. */
export interface PlannedFile {
  dataset: Dataset;
  source: Replica;
  needsStaging: boolean;
  bytes: number;
  destinationPath: string;
  checksumExpected: string | null;
}

export interface DataRequestPlan {
  kind: DataRequestKind;
  vo: string;
  destinationSiteId: string;
  destinationStorageUrl: string;
  files: PlannedFile[];
  bytesTotal: number;
  bytesToStage: number;
}

const GB = 1e9;
const fmtBytes = (n: number) => (n >= GB ? `${(n / GB).toFixed(1)} GB` : `${n} bytes`);

/** Staging and transfer requests for one viewer: plan, submit, follow, cancel. */
export class DataRequestService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
    private readonly runtime: DatasetsRuntime,
  ) {}

  get(id: string): Promise<DataRequest | null> {
    return this.em.findOne(DataRequest, andVisible({ id }, visibleRequestFilter(this.access)));
  }

  list(page: Page, state?: DataRequestState | null): Promise<ConnectionResult<DataRequest>> {
    this.access.requireViewer("list data requests");
    return findPage(
      this.em,
      DataRequest,
      andVisible(state ? { state } : {}, visibleRequestFilter(this.access)),
      page,
    );
  }

  /**
   * What a request would do, or why it cannot be: every dataset visible and of one VO the
   * caller belongs to, a copy to read, a destination endpoint that serves the VO, not already
   * there, within the VO's quota and the endpoint's free space.
   */
  async plan(input: DataRequestInput): Promise<DataRequestPlan> {
    this.access.requireViewer("stage or transfer data");
    const ids = [...new Set(input.datasetIds.map((id) => id.trim()))];
    if (!ids.length) throw badInput("'datasetIds' must name at least one dataset.", "datasetIds");
    if (ids.length > 1000) throw badInput("At most 1000 datasets per request.", "datasetIds");
    const datasets = await this.em.find(
      Dataset,
      andVisible({ id: { $in: ids } }, visibleDatasetFilter(this.access)),
    );
    const missing = ids.find((id) => !datasets.some((d) => d.id === id));
    if (missing) throw notFound("Dataset", missing);
    const vos = [...new Set(datasets.map((d) => d.vo))];
    if (vos.length > 1)
      throw badInput(`One request moves data of one VO; these are of ${vos.join(", ")}.`, "datasetIds");
    const vo = vos[0];
    if (!this.access.isMemberOf(vo) && !this.access.isPlatformAdmin())
      throw forbidden(`Only members of ${vo} may stage or transfer its data.`);
    const replicas = await this.em.find(
      Replica,
      { dataset: { $in: ids } },
      { orderBy: { createdAt: "asc", id: "asc" } },
    );
    const byDataset = (id: string) => replicas.filter((r) => r.datasetId === id);
    const ordered = ids.map((id) => datasets.find((d) => d.id === id)!);

    const files: PlannedFile[] = [];
    let destinationSiteId: string;
    let destinationStorageUrl: string;
    if (input.kind === DataRequestKind.STAGE) {
      const nearlineSites = new Set(
        replicas.filter((r) => r.state === ReplicaState.NEARLINE).map((r) => r.siteId),
      );
      const siteId = input.siteId?.trim() || (nearlineSites.size === 1 ? [...nearlineSites][0] : null);
      if (!siteId)
        throw badInput(
          nearlineSites.size
            ? `The tape copies are at ${[...nearlineSites].join(", ")}: say which site stages them.`
            : "None of these datasets has a tape (NEARLINE) copy.",
          "siteId",
        );
      for (const dataset of ordered) {
        const here = byDataset(dataset.id).filter((r) => r.siteId === siteId);
        const tape = here.find((r) => r.state === ReplicaState.NEARLINE);
        if (!tape) {
          const state = here[0]?.state;
          throw badInput(
            state
              ? `Dataset '${dataset.id}' is ${state} at ${siteId}, not on tape: nothing to stage.`
              : `Dataset '${dataset.id}' has no copy at ${siteId}.`,
            "datasetIds",
          );
        }
        files.push(this.file(dataset, tape, true, tape.path));
      }
      destinationSiteId = siteId;
      destinationStorageUrl = files[0].source.storageUrl;
    } else {
      const siteId = input.siteId?.trim();
      if (!siteId) throw badInput("'siteId' must name the site to transfer to.", "siteId");
      const site = await siteStorage(this.runtime.graph, viewerOf(this.access), siteId);
      const endpoint = input.storageUrl
        ? endpointAt(site, input.storageUrl, "storageUrl")
        : site.storageEndpoints.find((e) => e.accessLatency === "ONLINE" && endpointServes(site, e, vo));
      if (!endpoint) throw badInput(`${site.id} has no on-disk storage endpoint serving ${vo}.`, "siteId");
      if (!endpointServes(site, endpoint, vo))
        throw forbidden(`${endpoint.url} at ${site.id} does not serve ${vo}.`);
      for (const dataset of ordered) {
        const copies = byDataset(dataset.id);
        const there = copies.find((r) => r.siteId === site.id && r.state === ReplicaState.ONLINE);
        if (there)
          throw badInput(
            `Dataset '${dataset.id}' is already ONLINE at ${site.id} (${there.storageUrl}).`,
            "datasetIds",
          );
        const online = copies.filter((r) => r.state === ReplicaState.ONLINE && r.siteId !== site.id);
        const source =
          online.find((r) => r.sizeBytes != null && r.checksum) ??
          online[0] ??
          copies.find((r) => r.state === ReplicaState.NEARLINE);
        if (!source)
          throw badInput(
            `Dataset '${dataset.id}' has no ONLINE or NEARLINE copy to read from.`,
            "datasetIds",
          );
        files.push(this.file(dataset, source, source.state === ReplicaState.NEARLINE, dataset.lfn));
      }
      destinationSiteId = site.id;
      destinationStorageUrl = endpoint.url;
      const bytes = files.reduce((n, f) => n + f.bytes, 0);
      if (endpoint.freeCapacity > 0 && bytes > endpoint.freeCapacity * 1e12)
        throw new ApiError(
          "QUOTA_EXCEEDED",
          `${endpoint.url} at ${site.id} has ${endpoint.freeCapacity} TB free; this request needs ${fmtBytes(bytes)}.`,
        );
    }
    const bytesTotal = files.reduce((n, f) => n + f.bytes, 0);
    const bytesToStage = files.filter((f) => f.needsStaging).reduce((n, f) => n + f.bytes, 0);
    await this.checkQuota(vo, bytesTotal);
    return {
      kind: input.kind,
      vo,
      destinationSiteId,
      destinationStorageUrl,
      files,
      bytesTotal,
      bytesToStage,
    };
  }

  async submit(input: DataRequestInput): Promise<DataRequest> {
    const plan = await this.plan(input);
    const request = this.em.create(DataRequest, {
      kind: plan.kind,
      owner: this.access.sub!,
      vo: plan.vo,
      destinationSiteId: plan.destinationSiteId,
      destinationStorageUrl: plan.destinationStorageUrl,
      bytesTotal: plan.bytesTotal,
      maxAttempts: this.runtime.settings.maxAttempts,
    });
    plan.files.forEach((f, index) =>
      this.em.create(DataRequestFile, {
        request,
        index,
        datasetId: f.dataset.id,
        sourceReplicaId: f.source.id,
        sourceSiteId: f.source.siteId,
        sourceStorageUrl: f.source.storageUrl,
        sourcePath: f.source.path,
        destinationPath: f.destinationPath,
        bytesTotal: f.bytes,
        checksumExpected: f.checksumExpected,
      }),
    );
    const what = plan.kind === DataRequestKind.STAGE ? "stage" : "transfer";
    recordRequestEvent(
      this.em,
      request,
      `Asked to ${what} ${plan.files.length} file(s), ${fmtBytes(plan.bytesTotal)}, to ${plan.destinationSiteId} (${plan.destinationStorageUrl})` +
        (plan.bytesToStage && plan.kind === DataRequestKind.TRANSFER
          ? `; ${fmtBytes(plan.bytesToStage)} must be recalled from tape first.`
          : "."),
    );
    await saveRequestChanges(this.em);
    this.runtime.wake();
    return request;
  }

  async cancel(id: string): Promise<DataRequest> {
    this.access.requireViewer("cancel data requests");
    const request = await this.get(id);
    if (!request) throw notFound("DataRequest", id);
    if (!canCancelRequest(this.access, request))
      throw forbidden("Only who asked, a manager of its VO or a platform administrator may cancel it.");
    if (FINAL_REQUEST_STATES.includes(request.state)) return request;
    const files = await this.em.find(DataRequestFile, { request, state: { $nin: FINAL_FILE_STATES } });
    for (const file of files) {
      file.state = DataFileState.CANCELED;
      file.nextAttemptAt = null;
      file.finishedAt = new Date();
      recordRequestEvent(this.em, request, "Cancelled.", file);
    }
    request.state = DataRequestState.CANCELED;
    request.finishedAt = new Date();
    recordRequestEvent(this.em, request, `Cancelled by ${this.access.sub}.`);
    await saveRequestChanges(this.em);
    this.runtime.mover.abort(files.map((f) => f.id));
    return request;
  }

  private file(
    dataset: Dataset,
    source: Replica,
    needsStaging: boolean,
    destinationPath: string,
  ): PlannedFile {
    return {
      dataset,
      source,
      needsStaging,
      bytes: source.sizeBytes ?? dataset.sizeBytes,
      destinationPath,
      // The copy's own checksum; the dataset's when the copy is the dataset's one file.
      checksumExpected: source.checksum ?? (dataset.fileCount === 1 ? (dataset.checksum ?? null) : null),
    };
  }

  private async checkQuota(vo: string, bytes: number) {
    const quota = this.runtime.settings.quotaBytesPerVo;
    const [row] = await this.em
      .getConnection()
      .execute<{ bytes: string | null }[]>(
        `select sum(bytes_total) as bytes from data_request where vo = ? and state in (?, ?)`,
        [vo, DataRequestState.SUBMITTED, DataRequestState.ACTIVE],
      );
    const inFlight = Number(row?.bytes ?? 0);
    if (inFlight + bytes > quota)
      throw new ApiError(
        "QUOTA_EXCEEDED",
        `${vo} may have ${fmtBytes(quota)} in unfinished data requests; ${fmtBytes(inFlight)} are, and this one adds ${fmtBytes(bytes)}.`,
      );
  }
}
