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
  type Access,
  type ConnectionResult,
  type GatewayClient,
  type Page,
} from "@gridgraph/kit";
import { isValidOrcid } from "./orcid";
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
    if (!input.title.trim()) throw badInput("'title' must not be empty.", "title");
    if (input.creators.length === 0) throw badInput("'creators' must name at least one person.", "creators");
    input.creators.forEach((c, i) => {
      if (!c.name.trim()) throw badInput(`'creators[${i}].name' must not be empty.`, `creators.${i}.name`);
      if (c.orcid && !isValidOrcid(c.orcid)) {
        throw badInput(
          `'creators[${i}].orcid' is not a valid ORCID iD (e.g. 0000-0002-1825-0097): '${c.orcid}'.`,
          `creators.${i}.orcid`,
        );
      }
    });
    const ro = this.em.create(ResearchObject, {
      title: input.title.trim(),
      description: input.description ?? null,
      creators: input.creators.map((c) => ({
        name: c.name.trim(),
        orcid: c.orcid ?? null,
        affiliation: c.affiliation ?? null,
      })),
      keywords: input.keywords ?? [],
      licence: input.licence ?? null,
      owner: this.access.sub!,
      vo: input.vo,
      coEditors: input.coEditors ?? [],
    });
    await this.em.flush();
    return ro;
  }

  /** Adds a dataset, job or external resource; adding the same one twice changes nothing. */
  async addItem(
    researchObjectId: string,
    item: { kind: ItemKind; targetId: string; title?: string | null; resourceType?: ResourceType | null },
  ): Promise<ResearchObject> {
    this.access.requireViewer("change research objects");
    const ro = await this.get(researchObjectId);
    if (!ro) throw notFound("ResearchObject", researchObjectId);
    if (!canEditResearchObject(this.access, ro)) {
      throw forbidden(`Only the owner and co-editors of research object '${ro.id}' may change it.`);
    }
    if (ro.state !== ResearchObjectState.LIVE) {
      throw conflict(`Research object '${ro.id}' is ${ro.state}; only LIVE research objects can be changed.`);
    }
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
  private async checkVisible(kind: ItemKind, id: string) {
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
