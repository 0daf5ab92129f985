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
import { ItemGraphReader } from "../publish/item-graph";
import { checkMetadata, externalUrl, externalUrlProblem, type MetadataFields } from "./research-object.rules";
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

/** The metadata fields the rules check (research-object.rules.ts), and who co-edits. */
export interface ResearchObjectPatch extends MetadataFields {
  coEditors?: string[] | null;
}

/** A dataset or job (by id) or an external resource (by URL or DOI) to add. */
export interface NewItem {
  kind: ItemKind;
  targetId: string;
  title?: string | null;
  resourceType?: ResourceType | null;
}
type CheckedItem = Required<NewItem>;

export interface NewResearchObject {
  title: string;
  description?: string | null;
  creators: Creator[];
  keywords?: string[] | null;
  licence?: string | null;
  vo: string;
  coEditors?: string[] | null;
  /** Items to start with, checked with the metadata (every problem reported at once). */
  items?: NewItem[] | null;
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
    const items = await this.checkItems(input.items ?? [], problems, "items");
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
    const start = Date.now();
    const added = new Set<string>();
    items.forEach((item, i) => {
      if (added.has(`${item.kind} ${item.targetId}`)) return;
      added.add(`${item.kind} ${item.targetId}`);
      this.em.create(ResearchObjectItem, { researchObject: ro, ...item, addedAt: new Date(start + i) });
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
  async addItem(researchObjectId: string, item: NewItem): Promise<ResearchObject> {
    const ro = await this.editable(researchObjectId, "change research objects");
    const problems = new Problems();
    const [checked] = await this.checkItems(
      [item],
      problems,
      item.kind === ItemKind.EXTERNAL ? "url" : "targetId",
    );
    const missing = problems.list.find((p) => p.message.includes("does not exist"));
    if (missing) throw notFound(item.kind === ItemKind.DATASET ? "Dataset" : "Job", item.targetId.trim());
    problems.throwIfAny("Nothing was added");
    const existing = await this.em.findOne(ResearchObjectItem, {
      researchObject: ro,
      kind: checked.kind,
      targetId: checked.targetId,
    });
    if (!existing) {
      this.em.create(ResearchObjectItem, { researchObject: ro, ...checked });
      ro.updatedAt = new Date();
      await this.em.flush();
    }
    return ro;
  }

  /**
   * Checks items before they are added, every problem into `problems` (field: `<field>` for
   * one item, `<field>.<i>` for several): an external resource needs an http(s) URL or a DOI;
   * a dataset or job must exist and be visible to the caller, asked through the gateway as the
   * caller in one request, so one that does not exist and one hidden from them get the same
   * answer, and nobody's data lists a research object that could not see it.
   */
  async checkItems(items: NewItem[], problems: Problems, field: string): Promise<CheckedItem[]> {
    const fieldOf = (i: number) => (items.length === 1 ? field : `${field}.${i}`);
    const checked = items.map((item, i): CheckedItem => {
      const given = item.targetId.trim();
      const targetId = item.kind === ItemKind.EXTERNAL ? externalUrl(given) : given;
      if (!given) problems.add(fieldOf(i), "The id or URL to add must not be empty.");
      else if (!targetId) problems.add(fieldOf(i), externalUrlProblem(fieldOf(i), given));
      return {
        kind: item.kind,
        targetId: targetId ?? given,
        title: item.title?.trim() || null,
        resourceType: item.kind === ItemKind.EXTERNAL ? (item.resourceType ?? ResourceType.OTHER) : null,
      };
    });
    const ids = (kind: ItemKind) =>
      checked.filter((c) => c.kind === kind && c.targetId).map((c) => c.targetId);
    if (ids(ItemKind.DATASET).length || ids(ItemKind.JOB).length) {
      if (!this.graph)
        throw new ApiError("SERVICE_MISCONFIGURED", "The research objects service has no way to the graph.");
      const seen = await new ItemGraphReader(this.graph).walk(
        this.access.viewer,
        ids(ItemKind.DATASET),
        ids(ItemKind.JOB),
        0,
      );
      checked.forEach((c, i) => {
        if (c.kind === ItemKind.DATASET && c.targetId && !seen.datasets.has(c.targetId))
          problems.add(fieldOf(i), `Dataset '${c.targetId}' does not exist (or is not visible to you).`);
        if (c.kind === ItemKind.JOB && c.targetId && !seen.jobs.has(c.targetId))
          problems.add(fieldOf(i), `Job '${c.targetId}' does not exist (or is not visible to you).`);
      });
    }
    return checked;
  }
}
