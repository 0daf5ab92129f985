import { UniqueConstraintViolationException, type FilterQuery, type ObjectQuery } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  andVisible,
  badInput,
  conflict,
  findPage,
  forbidden,
  notFound,
  type Access,
  type ConnectionResult,
  type Page,
} from "@gridgraph/kit";
import { canEditDataset, visibleDatasetFilter } from "./dataset.policy";
import { AccessLevel, Community, DataLevel, Dataset, Observation, Replica, ReplicaState } from "../entities";

export interface DatasetQuery {
  community?: Community | null;
  level?: DataLevel | null;
  vo?: string | null;
  instrument?: string | null;
  format?: string | null;
  /** Case-insensitive words in title or description. */
  text?: string | null;
  /** Only these datasets (hidden ones are simply not found). */
  ids?: string[] | null;
  /** Only datasets with these logical file names (DIRAC InputData). */
  lfns?: string[] | null;
}

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

export interface NewReplica {
  datasetId: string;
  siteId: string;
  storageUrl: string;
  path: string;
  state?: ReplicaState | null;
}

export function escapeLike(text: string) {
  return text.replace(/[%_\\]/g, (c) => `\\${c}`);
}

/** The dataset catalogue's rules, for one viewer: what they may see and change. */
export class DatasetService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
  ) {}

  /** A dataset the viewer may see; null when it does not exist or is hidden from them. */
  get(id: string): Promise<Dataset | null> {
    if (!id.trim()) throw badInput("'id' must not be empty.", "id");
    return this.em.findOne(Dataset, this.visible({ id }));
  }

  list(query: DatasetQuery, page: Page): Promise<ConnectionResult<Dataset>> {
    return findPage(this.em, Dataset, this.visible(this.where(query)), page);
  }

  private visible(where: FilterQuery<Dataset>): FilterQuery<Dataset> {
    return andVisible(where as ObjectQuery<Dataset>, visibleDatasetFilter(this.access));
  }

  async register(input: NewDataset): Promise<Dataset> {
    this.access.requireMemberOf(input.vo, "register datasets");
    const owner = this.access.sub!;
    const lfn = input.lfn.trim();
    if (!lfn.startsWith("/"))
      throw badInput(`'lfn' must be an absolute logical file name starting with '/'; got '${lfn}'.`, "lfn");
    if (!input.title.trim()) throw badInput("'title' must not be empty.", "title");
    if (input.sizeBytes < 0)
      throw badInput(`'sizeBytes' must be 0 or more; got ${input.sizeBytes}.`, "sizeBytes");
    if (input.fileCount < 0)
      throw badInput(`'fileCount' must be 0 or more; got ${input.fileCount}.`, "fileCount");
    const obs = input.observation;
    if (obs?.startTime && obs.endTime && obs.endTime < obs.startTime) {
      throw badInput(
        "'observation.endTime' must not be before 'observation.startTime'.",
        "observation.endTime",
      );
    }
    if (
      obs?.frequencyMinMhz != null &&
      obs.frequencyMaxMhz != null &&
      obs.frequencyMaxMhz < obs.frequencyMinMhz
    ) {
      throw badInput(
        "'observation.frequencyMaxMhz' must not be below 'frequencyMinMhz'.",
        "observation.frequencyMaxMhz",
      );
    }
    const derivedFromIds = [...new Set(input.derivedFromIds ?? [])];
    if (derivedFromIds.length) {
      const found = await this.em.find(Dataset, this.visible({ id: { $in: derivedFromIds } }), {
        fields: ["id"],
      });
      const missing = derivedFromIds.filter((id) => !found.some((d) => d.id === id));
      if (missing.length)
        throw badInput(`'derivedFrom' names unknown datasets: ${missing.join(", ")}.`, "derivedFrom");
    }
    const dataset = this.em.create(Dataset, {
      ...input,
      owner,
      lfn,
      title: input.title.trim(),
      observation: obs ? Object.assign(new Observation(), obs) : null,
      access: input.access ?? AccessLevel.VO,
      derivedFromIds,
    });
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw conflict(`A dataset with lfn '${lfn}' is already registered.`);
      }
      throw error;
    }
    return dataset;
  }

  async addReplica(input: NewReplica): Promise<Replica> {
    this.access.requireViewer("record replicas");
    const dataset = await this.get(input.datasetId);
    if (!dataset) throw notFound("Dataset", input.datasetId);
    if (!canEditDataset(this.access, dataset)) {
      throw forbidden(
        `Only the owner of dataset '${dataset.id}' or a manager of ${dataset.vo} may record its replicas.`,
      );
    }
    if (!input.siteId.trim()) throw badInput("'siteId' must not be empty.", "siteId");
    try {
      new URL(input.storageUrl);
    } catch {
      throw badInput(
        `'storageUrl' must be a URL such as davs://host:2880; got '${input.storageUrl}'.`,
        "storageUrl",
      );
    }
    if (!input.path.trim()) throw badInput("'path' must not be empty.", "path");
    const replica = this.em.create(Replica, {
      dataset,
      siteId: input.siteId.trim(),
      storageUrl: input.storageUrl,
      path: input.path,
      state: input.state ?? ReplicaState.ONLINE,
    });
    await this.em.flush();
    return replica;
  }

  private where(query: DatasetQuery): FilterQuery<Dataset> {
    const where: Record<string, unknown> = {};
    if (query.community) where.community = query.community;
    if (query.level) where.level = query.level;
    if (query.vo) where.vo = query.vo;
    if (query.instrument) where.instrument = query.instrument;
    if (query.format) where.format = query.format;
    if (query.ids) where.id = { $in: query.ids };
    if (query.lfns) where.lfn = { $in: query.lfns.map((lfn) => lfn.trim()) };
    if (query.text != null) {
      const words = query.text.trim().split(/\s+/).filter(Boolean);
      if (!words.length) throw badInput("'text' must not be empty when given.", "text");
      where.$and = words.map((w) => {
        const like = `%${escapeLike(w)}%`;
        return { $or: [{ title: { $ilike: like } }, { description: { $ilike: like } }] };
      });
    }
    return where as FilterQuery<Dataset>;
  }
}
