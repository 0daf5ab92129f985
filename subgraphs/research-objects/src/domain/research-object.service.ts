import type { FilterQuery, ObjectQuery } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  andVisible,
  ApiError,
  badInput,
  conflict,
  findPage,
  forbidden,
  notFound,
  Problems,
  type Access,
  type ConnectionResult,
  type GatewayClient,
  type Page,
} from "@gridgraph/kit";
import { checkMetadata } from "./research-object.rules";
import { canEditResearchObject, visibleResearchObjectFilter } from "./research-object.policy";
import {
  Creator,
  ItemKind,
  ResearchObject,
  ResearchObjectItem,
  ResearchObjectState,
  ResourceType,
} from "../entities";

export interface ResearchObjectQuery {
  state?: ResearchObjectState | null;
  vo?: string | null;
  owner?: string | null;
  keyword?: string | null;
}

export interface ResearchObjectPatch {
  title?: string | null;
  description?: string | null;
  creators?: Creator[] | null;
  keywords?: string[] | null;
  licence?: string | null;
  coEditors?: string[] | null;
}

export interface NewResearchObject {
  title: string;
  description?: string | null;
  creators: Creator[];
  keywords?: string[] | null;
  licence?: string | null;
  vo: string;
  coEditors?: string[] | null;
}

export class ResearchObjectService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
    /** How the service asks the graph as the caller (decision 0015): items are checked with it. */
    private readonly graph?: GatewayClient,
  ) {}

  /** A research object the viewer may see; null when it does not exist or is hidden from them. */
  get(id: string): Promise<ResearchObject | null> {
    if (!id.trim()) throw badInput("'id' must not be empty.", "id");
    return this.em.findOne(ResearchObject, this.visible({ id }));
  }

  private visible(where: FilterQuery<ResearchObject>): FilterQuery<ResearchObject> {
    return andVisible(where as ObjectQuery<ResearchObject>, visibleResearchObjectFilter(this.access));
  }

  list(query: ResearchObjectQuery, page: Page): Promise<ConnectionResult<ResearchObject>> {
    const where: Record<string, unknown> = {};
    if (query.state) where.state = query.state;
    if (query.vo) where.vo = query.vo;
    if (query.owner) where.owner = query.owner;
    if (query.keyword) where.keywords = { $contains: [query.keyword] };
    return findPage(this.em, ResearchObject, this.visible(where as FilterQuery<ResearchObject>), page);
  }

  async create(input: NewResearchObject): Promise<ResearchObject> {
    this.access.requireMemberOf(input.vo, "create research objects");
    const problems = new Problems();
    const fields = checkMetadata(
      { ...input, licence: input.licence ?? null, keywords: input.keywords ?? [] },
      true,
      problems,
    );
    if (!fields.creators?.length) problems.add("creators", "'creators' must name at least one person.");
    problems.throwIfAny("The research object was not created");
    const ro = this.em.create(ResearchObject, {
      title: fields.title!,
      description: fields.description ?? null,
      creators: fields.creators!,
      keywords: fields.keywords ?? [],
      licence: fields.licence ?? null,
      owner: this.access.sub!,
      vo: input.vo,
      coEditors: input.coEditors ?? [],
    });
    await this.em.flush();
    return ro;
  }

  /** A research object the caller may change: LIVE, and theirs to edit. */
  async editable(id: string, what: string): Promise<ResearchObject> {
    this.access.requireViewer(what);
    const ro = await this.get(id);
    if (!ro) throw notFound("ResearchObject", id);
    if (!canEditResearchObject(this.access, ro))
      throw forbidden(`Only the owner and co-editors of research object '${ro.id}' may change it.`);
    if (ro.state !== ResearchObjectState.LIVE)
      throw conflict(
        `Research object '${ro.id}' is ${ro.state} (version ${ro.version}${ro.doi ? `, DOI ${ro.doi}` : ""}): published versions are immutable. Fork it (forkResearchObject) to make a new LIVE research object from it.`,
      );
    return ro;
  }

  /** Changes the metadata of a LIVE research object; every problem is reported at once. */
  async update(id: string, patch: ResearchObjectPatch): Promise<ResearchObject> {
    const ro = await this.editable(id, "change research objects");
    const problems = new Problems();
    const fields = checkMetadata(patch, false, problems);
    if (fields.creators && !fields.creators.length)
      problems.add("creators", "'creators' must name at least one person.");
    if (patch.coEditors !== undefined && ro.owner !== this.access.sub && !this.access.isPlatformAdmin())
      problems.add("coEditors", "Only the owner may change who co-edits.");
    problems.throwIfAny("The research object was not changed");
    if (fields.title !== undefined) ro.title = fields.title!;
    if (fields.description !== undefined) ro.description = fields.description;
    if (fields.creators !== undefined) ro.creators = fields.creators!;
    if (fields.keywords !== undefined) ro.keywords = fields.keywords!;
    if (fields.licence !== undefined) ro.licence = fields.licence;
    if (patch.coEditors !== undefined) ro.coEditors = [...new Set(patch.coEditors ?? [])];
    ro.updatedAt = new Date();
    await this.em.flush();
    return ro;
  }

  /** Deletes a LIVE research object that was never published (no snapshot was taken of it). */
  async delete(id: string): Promise<string> {
    const ro = await this.editable(id, "delete research objects");
    const snapshots = await this.em.count(ResearchObject, {
      lineageId: ro.lineageId,
      state: { $ne: ResearchObjectState.LIVE },
    });
    if (snapshots)
      throw conflict(
        `Research object '${ro.id}' was published (${snapshots} version(s) with DOIs point at it) and cannot be deleted.`,
      );
    await this.em.nativeDelete(ResearchObjectItem, { researchObject: ro.id });
    this.em.remove(ro);
    await this.em.flush();
    return id;
  }

  /** Removes a dataset, job (by id) or external resource (by URL); removing what is not there changes nothing. */
  async removeItem(researchObjectId: string, target: string): Promise<ResearchObject> {
    const ro = await this.editable(researchObjectId, "change research objects");
    const removed = await this.em.nativeDelete(ResearchObjectItem, {
      researchObject: ro.id,
      targetId: target.trim(),
    });
    if (removed) {
      ro.updatedAt = new Date();
      await this.em.flush();
    }
    return ro;
  }

  /** Adds a dataset, job or external resource; adding the same one twice changes nothing. */
  async addItem(
    researchObjectId: string,
    item: { kind: ItemKind; targetId: string; title?: string | null; resourceType?: ResourceType | null },
  ): Promise<ResearchObject> {
    const ro = await this.editable(researchObjectId, "change research objects");
    const targetId = item.targetId.trim();
    if (!targetId) throw badInput("The id or URL to add must not be empty.", "targetId");
    if (item.kind === ItemKind.EXTERNAL) {
      let url: URL | undefined;
      try {
        url = new URL(targetId);
      } catch {
        /* reported below */
      }
      if (!url || !["http:", "https:"].includes(url.protocol)) {
        throw badInput(`'url' must be an http(s) URL; got '${targetId}'.`, "url");
      }
    }
    if (item.kind !== ItemKind.EXTERNAL) await this.checkVisible(item.kind, targetId);
    const existing = await this.em.findOne(ResearchObjectItem, {
      researchObject: ro,
      kind: item.kind,
      targetId,
    });
    if (!existing) {
      this.em.create(ResearchObjectItem, {
        researchObject: ro,
        kind: item.kind,
        targetId,
        title: item.title ?? null,
        resourceType: item.resourceType ?? null,
      });
      ro.updatedAt = new Date();
      await this.em.flush();
    }
    return ro;
  }

  /**
   * A dataset or job added as an item must exist and be visible to the caller, asked through
   * the gateway as the caller: one that does not exist and one hidden from them get the same
   * answer, and nobody's data lists a research object that could not see it.
   */
  async checkVisible(kind: ItemKind, id: string) {
    if (!this.graph)
      throw new ApiError("SERVICE_MISCONFIGURED", "The research objects service has no way to the graph.");
    const field = kind === ItemKind.DATASET ? "dataset" : "job";
    const answer = await this.graph.request<Record<string, { id: string } | null>>(
      this.access.viewer!,
      `query($id: ID!) { ${field}(id: $id) { id } }`,
      { id },
    );
    if (!answer[field]) throw notFound(kind === ItemKind.DATASET ? "Dataset" : "Job", id);
  }
}
