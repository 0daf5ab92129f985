import { UniqueConstraintViolationException, type FilterQuery, type ObjectQuery } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  andVisible,
  ApiError,
  badInput,
  conflict,
  forbidden,
  notFound,
  type Access,
  type ConnectionResult,
  type Page,
  type Viewer,
} from "@gridgraph/kit";
import { canEditDataset, lfnProblem, visibleDatasetFilter } from "./dataset.policy";
import { DatasetSearch, type DatasetFacets, type DatasetQuery, type DatasetSort } from "./dataset-search";
import { endpointAt, endpointServes, siteStorage } from "./site-storage";
import type { DatasetsRuntime } from "../runtime";
import {
  AccessLevel,
  Community,
  DataLevel,
  Dataset,
  DatasetChange,
  DatasetChangeAction,
  Observation,
  Replica,
  ReplicaState,
} from "../entities";

export type { DatasetQuery } from "./dataset-search";

export interface NewDataset {
  lfn: string;
  title: string;
  description?: string | null;
  community: Community;
  instrument: string;
  level: DataLevel;
  productType: string;
  format: string;
  sizeBytes: number;
  fileCount: number;
  checksum?: string | null;
  observation?: Partial<Observation> | null;
  access?: AccessLevel | null;
  embargoUntil?: Date | null;
  vo: string;
  derivedFromIds?: string[] | null;
}

/** A correction: only the fields given change (null clears an optional field). */
export type DatasetPatch = Partial<
  Pick<
    NewDataset,
    | "lfn"
    | "title"
    | "description"
    | "instrument"
    | "level"
    | "productType"
    | "format"
    | "sizeBytes"
    | "fileCount"
    | "checksum"
    | "observation"
    | "access"
    | "embargoUntil"
    | "derivedFromIds"
  >
>;

export interface NewReplica {
  datasetId: string;
  siteId: string;
  storageUrl: string;
  path: string;
  state?: ReplicaState | null;
  sizeBytes?: number | null;
  checksum?: string | null;
}
export type ReplicaPatch = Partial<
  Pick<NewReplica, "storageUrl" | "path" | "state" | "sizeBytes" | "checksum">
>;

const CONSUMERS = `query DatasetConsumers($id: ID!) {
  dataset(id: $id) {
    consumedBy(first: 0) { totalCount }
    researchObjects(first: 0) { totalCount }
    publishedResearchObjectCount
  }
}`;

export const viewerOf = (access: Access): Viewer => access.viewer!;

/** The dataset catalogue's rules, for one viewer: what they may see and change. */
export class DatasetService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
    private readonly runtime?: DatasetsRuntime,
  ) {}

  /** A dataset the viewer may see; null when it does not exist or is hidden from them. */
  get(id: string): Promise<Dataset | null> {
    if (!id.trim()) throw badInput("'id' must not be empty.", "id");
    return this.em.findOne(Dataset, this.visible({ id }));
  }

  list(query: DatasetQuery, page: Page, sort?: DatasetSort | null): Promise<ConnectionResult<Dataset>> {
    return new DatasetSearch(this.em, this.access).page(query, page, sort ?? undefined);
  }

  facets(query: DatasetQuery): Promise<DatasetFacets> {
    return new DatasetSearch(this.em, this.access).facets(query);
  }

  private visible(where: FilterQuery<Dataset>): FilterQuery<Dataset> {
    return andVisible(where as ObjectQuery<Dataset>, visibleDatasetFilter(this.access));
  }

  private get namespaces(): Record<string, string> {
    return this.runtime?.settings.namespaces ?? {};
  }

  async register(input: NewDataset): Promise<Dataset> {
    this.access.requireMemberOf(input.vo, "register datasets");
    const owner = this.access.sub!;
    const lfn = input.lfn.trim();
    const access = input.access ?? AccessLevel.VO;
    this.checkFields({ ...input, lfn }, { vo: input.vo, access, owner });
    const derivedFromIds = await this.existingSources(input.derivedFromIds ?? []);
    const dataset = this.em.create(Dataset, {
      ...input,
      owner,
      lfn,
      title: input.title.trim(),
      observation: input.observation ? Object.assign(new Observation(), input.observation) : null,
      access,
      derivedFromIds,
    });
    this.record(dataset.id, null, DatasetChangeAction.REGISTERED, { lfn: { before: null, after: lfn } });
    await this.flushNamed(lfn);
    return dataset;
  }

  /** Corrects a dataset's record; its owner, its VO's managers and platform administrators. */
  async update(id: string, patch: DatasetPatch, reason?: string | null): Promise<Dataset> {
    const dataset = await this.editable(id, "correct");
    const next = { ...patch };
    if (next.lfn != null) next.lfn = next.lfn.trim();
    if (next.title != null) next.title = next.title.trim();
    const merged = {
      ...dataset,
      ...next,
      observation: next.observation === undefined ? dataset.observation : next.observation,
    } as NewDataset;
    this.checkFields(merged, {
      vo: dataset.vo,
      access: merged.access ?? dataset.access,
      owner: dataset.owner,
    });
    if (next.derivedFromIds) {
      if (next.derivedFromIds.includes(dataset.id))
        throw badInput("A dataset cannot be derived from itself.", "derivedFrom");
      next.derivedFromIds = await this.existingSources(next.derivedFromIds);
    }
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const [field, value] of Object.entries(next) as [keyof DatasetPatch, unknown][]) {
      if (value === undefined) continue;
      const before = dataset[field];
      const after =
        field === "observation" && value
          ? Object.assign(new Observation(), dataset.observation, value)
          : value;
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      changes[field] = { before, after };
      (dataset as unknown as Record<string, unknown>)[field] = after;
    }
    if (!Object.keys(changes).length) return dataset;
    this.record(dataset.id, null, DatasetChangeAction.UPDATED, changes, reason);
    await this.flushNamed(dataset.lfn);
    return dataset;
  }

  /**
   * Removes a dataset from the catalogue. One with replicas, derived datasets, jobs or
   * research objects that used it is refused unless `force` says the caller means it; then
   * its replicas' catalogue entries go too (the bytes stay on the storage).
   */
  async delete(id: string, force: boolean, reason?: string | null): Promise<string> {
    const dataset = await this.editable(id, "delete");
    const users = this.runtime?.graph.configured
      ? await this.runtime.graph.request<{
          dataset: {
            consumedBy: { totalCount: number } | null;
            researchObjects: { totalCount: number } | null;
            publishedResearchObjectCount: number | null;
          };
        }>(viewerOf(this.access), CONSUMERS, { id: dataset.id })
      : null;
    // A DOI points at it: what was published stays, force or not.
    const published = users?.dataset.publishedResearchObjectCount ?? 0;
    if (published)
      throw conflict(
        `Dataset '${dataset.id}' is part of ${published} published research object(s) whose DOIs point at it; it cannot be deleted.`,
      );
    if (!force) {
      const replicas = await this.em.count(Replica, { dataset: dataset.id });
      const derived = await this.em.count(Dataset, { derivedFromIds: { $contains: [dataset.id] } } as never);
      const uses = [
        replicas && `${replicas} replica(s)`,
        derived && `${derived} derived dataset(s)`,
        users?.dataset.consumedBy?.totalCount && `${users.dataset.consumedBy.totalCount} job(s) that read it`,
        users?.dataset.researchObjects?.totalCount &&
          `${users.dataset.researchObjects.totalCount} research object(s)`,
      ].filter(Boolean);
      if (uses.length)
        throw conflict(
          `Dataset '${dataset.id}' has ${uses.join(", ")}; say force: true to delete it anyway (the bytes stay on the storage).`,
        );
    }
    const replicas = await this.em.find(Replica, { dataset: dataset.id });
    for (const replica of replicas) {
      this.record(
        dataset.id,
        replica.id,
        DatasetChangeAction.REPLICA_DELETED,
        replicaFields(replica, "before"),
        reason,
      );
      this.em.remove(replica);
    }
    this.record(
      dataset.id,
      null,
      DatasetChangeAction.DELETED,
      { lfn: { before: dataset.lfn, after: null } },
      reason,
    );
    this.em.remove(dataset);
    await this.em.flush();
    return dataset.id;
  }

  async addReplica(input: NewReplica): Promise<Replica> {
    this.access.requireViewer("record replicas");
    const dataset = await this.editable(input.datasetId, "record replicas of");
    const siteId = input.siteId.trim();
    if (!siteId) throw badInput("'siteId' must not be empty.", "siteId");
    const storageUrl = await this.checkedStorageUrl(siteId, input.storageUrl, dataset.vo);
    const replica = this.em.create(Replica, {
      dataset,
      siteId,
      storageUrl,
      path: checkedPath(input.path),
      state: input.state ?? ReplicaState.ONLINE,
      sizeBytes: checkedSize(input.sizeBytes),
      checksum: input.checksum ?? null,
    });
    this.record(dataset.id, replica.id, DatasetChangeAction.REPLICA_ADDED, replicaFields(replica, "after"));
    await this.em.flush();
    return replica;
  }

  async updateReplica(id: string, patch: ReplicaPatch, reason?: string | null): Promise<Replica> {
    const replica = await this.editableReplica(id);
    const dataset = replica.dataset.getEntity();
    const next: ReplicaPatch = { ...patch };
    if (next.storageUrl != null)
      next.storageUrl = await this.checkedStorageUrl(replica.siteId, next.storageUrl, dataset.vo);
    if (next.path != null) next.path = checkedPath(next.path);
    if (next.sizeBytes !== undefined) next.sizeBytes = checkedSize(next.sizeBytes);
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const [field, value] of Object.entries(next) as [keyof ReplicaPatch, unknown][]) {
      if (value === undefined || replica[field] === value) continue;
      changes[field] = { before: replica[field], after: value };
      (replica as unknown as Record<string, unknown>)[field] = value;
    }
    if (!Object.keys(changes).length) return replica;
    this.record(dataset.id, replica.id, DatasetChangeAction.REPLICA_UPDATED, changes, reason);
    await this.em.flush();
    return replica;
  }

  async deleteReplica(id: string, reason?: string | null): Promise<string> {
    const replica = await this.editableReplica(id);
    this.record(
      replica.datasetId,
      replica.id,
      DatasetChangeAction.REPLICA_DELETED,
      replicaFields(replica, "before"),
      reason,
    );
    this.em.remove(replica);
    await this.em.flush();
    return id;
  }

  /** A dataset the viewer may change; hidden and missing ones are the same NOT_FOUND. */
  private async editable(id: string, what: string): Promise<Dataset> {
    this.access.requireViewer(`${what} datasets`);
    const dataset = await this.get(id);
    if (!dataset) throw notFound("Dataset", id);
    if (!canEditDataset(this.access, dataset))
      throw forbidden(
        `Only the owner of dataset '${dataset.id}', a manager of ${dataset.vo} or a platform administrator may ${what} it.`,
      );
    return dataset;
  }

  private async editableReplica(id: string): Promise<Replica> {
    this.access.requireViewer("change replicas");
    const replica = await this.em.findOne(Replica, { id }, { populate: ["dataset"] });
    if (!replica) throw notFound("Replica", id);
    await this.editable(replica.datasetId, "change replicas of").catch((error: unknown) => {
      // A replica of a hidden dataset is as unknown as the dataset.
      if (error instanceof ApiError && error.extensions.code === "NOT_FOUND") throw notFound("Replica", id);
      throw error;
    });
    return replica;
  }

  /** The rules every dataset record keeps, for a new one and a corrected one alike. */
  private checkFields(d: NewDataset, who: { vo: string; access: AccessLevel; owner: string }) {
    if (!d.lfn.startsWith("/"))
      throw badInput(`'lfn' must be an absolute logical file name starting with '/'; got '${d.lfn}'.`, "lfn");
    const problem = lfnProblem(this.namespaces, d.lfn, who);
    if (problem) throw badInput(problem, "lfn");
    if (!d.title.trim()) throw badInput("'title' must not be empty.", "title");
    if (d.sizeBytes < 0) throw badInput(`'sizeBytes' must be 0 or more; got ${d.sizeBytes}.`, "sizeBytes");
    if (d.fileCount < 0) throw badInput(`'fileCount' must be 0 or more; got ${d.fileCount}.`, "fileCount");
    const obs = d.observation;
    if (obs?.startTime && obs.endTime && obs.endTime < obs.startTime)
      throw badInput(
        "'observation.endTime' must not be before 'observation.startTime'.",
        "observation.endTime",
      );
    if (
      obs?.frequencyMinMhz != null &&
      obs.frequencyMaxMhz != null &&
      obs.frequencyMaxMhz < obs.frequencyMinMhz
    )
      throw badInput(
        "'observation.frequencyMaxMhz' must not be below 'frequencyMinMhz'.",
        "observation.frequencyMaxMhz",
      );
  }

  /** The given provenance sources, each one a dataset the viewer may see. */
  private async existingSources(ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const found = await this.em.find(Dataset, this.visible({ id: { $in: unique } }), { fields: ["id"] });
    const missing = unique.filter((id) => !found.some((d) => d.id === id));
    if (missing.length)
      throw badInput(`'derivedFrom' names unknown datasets: ${missing.join(", ")}.`, "derivedFrom");
    return unique;
  }

  /** A storage URL that is one of the site's published endpoints (or under one) serving the VO. */
  private async checkedStorageUrl(siteId: string, storageUrl: string, vo: string): Promise<string> {
    try {
      new URL(storageUrl);
    } catch {
      throw badInput(
        `'storageUrl' must be a URL such as davs://host:2880; got '${storageUrl}'.`,
        "storageUrl",
      );
    }
    if (!this.runtime)
      throw new ApiError("SERVICE_MISCONFIGURED", "The datasets service has no way to the sites registry.");
    const site = await siteStorage(this.runtime.graph, viewerOf(this.access), siteId);
    const endpoint = endpointAt(site, storageUrl, "storageUrl");
    if (!endpointServes(site, endpoint, vo))
      throw forbidden(`${endpoint.url} at ${site.id} does not serve ${vo}.`);
    return storageUrl.trim();
  }

  private record(
    datasetId: string,
    replicaId: string | null,
    action: DatasetChangeAction,
    changes: Record<string, { before: unknown; after: unknown }>,
    reason?: string | null,
  ) {
    this.em.create(DatasetChange, {
      datasetId,
      replicaId,
      action,
      actor: this.access.sub!,
      changes,
      reason: reason ?? null,
    });
  }

  /** Flushes a new or renamed dataset; a taken name is a CONFLICT (the namespace rules make it one the caller may see). */
  private async flushNamed(lfn: string) {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw conflict(`A dataset with lfn '${lfn}' is already registered.`);
      throw error;
    }
  }
}

function checkedPath(path: string): string {
  const trimmed = path.trim();
  if (!trimmed.startsWith("/"))
    throw badInput(`'path' must be absolute (start with '/'); got '${path}'.`, "path");
  if (trimmed.split("/").includes("..")) throw badInput("'path' must not contain '..'.", "path");
  return trimmed;
}

function checkedSize(size: number | null | undefined): number | null {
  if (size == null) return null;
  if (!Number.isSafeInteger(size) || size < 0)
    throw badInput(`'sizeBytes' must be 0 or more; got ${size}.`, "sizeBytes");
  return size;
}

function replicaFields(replica: Replica, side: "before" | "after") {
  const fields = {
    siteId: replica.siteId,
    storageUrl: replica.storageUrl,
    path: replica.path,
    state: replica.state,
  };
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [
      k,
      side === "before" ? { before: v, after: null } : { before: null, after: v },
    ]),
  );
}
