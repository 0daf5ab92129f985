import { LockMode, type FilterQuery } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  ApiError,
  conflict,
  findPage,
  forbidden,
  newId,
  notFound,
  Problems,
  type Access,
  type ConnectionResult,
  type Page,
} from "@gridgraph/kit";
import {
  DoiState,
  ItemKind,
  ResearchObject,
  ResearchObjectItem,
  ResearchObjectState,
  type FrozenPublication,
} from "../entities";
import type { ResearchObjectsRuntime } from "../runtime";
import { dataciteAttributes } from "../publish/datacite-metadata";
import type { ItemGraph } from "../publish/item-graph";
import { DoiTakenError, MintError, newDoi } from "../publish/minter";
import { datasetIdsOf, jobIdsOf, type Publication } from "../publish/publication";
import { crateDocument } from "../publish/ro-crate";
import { readCrate } from "../publish/ro-crate-import";
import { canEditResearchObject } from "./research-object.policy";
import { checkMetadata } from "./research-object.rules";
import { ResearchObjectService } from "./research-object.service";

/** How deep `provenance` walks unless asked otherwise, and at most. */
export const DEFAULT_PROVENANCE_DEPTH = 3;
export const MAX_PROVENANCE_DEPTH = 10;

/**
 * The research object lifecycle beyond LIVE editing (decision 0017): snapshots with DOIs,
 * archiving, forks, versions, and what a version publishes (DataCite metadata, RO-Crate),
 * read from the graph as the caller.
 */
export class PublicationService {
  private readonly objects: ResearchObjectService;

  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
    private readonly runtime: ResearchObjectsRuntime | undefined,
  ) {
    this.objects = new ResearchObjectService(em, access, runtime?.gateway);
  }

  private get rt(): ResearchObjectsRuntime {
    if (!this.runtime)
      throw new ApiError("SERVICE_MISCONFIGURED", "This research objects service does not publish.");
    return this.runtime;
  }

  get publisher(): string {
    return this.rt.settings.publisher;
  }

  landingUrl(id: string): string {
    return `${this.rt.settings.landingBaseUrl}/ro/${encodeURIComponent(id)}`;
  }

  /** The other versions a version links to (previous and next snapshot, what a fork came from). */
  private async versionLinks(ro: ResearchObject): Promise<Publication["versions"]> {
    const published = { state: { $ne: ResearchObjectState.LIVE }, doi: { $ne: null } } as const;
    const live =
      ro.state === ResearchObjectState.LIVE
        ? ro
        : await this.em.findOne(ResearchObject, { id: ro.lineageId });
    const [previous, next, forkedFrom] = await Promise.all([
      this.em.findOne(
        ResearchObject,
        { lineageId: ro.lineageId, version: { $lt: ro.version }, ...published },
        { orderBy: { version: "desc" } },
      ),
      ro.state === ResearchObjectState.LIVE
        ? null
        : this.em.findOne(
            ResearchObject,
            { lineageId: ro.lineageId, version: { $gt: ro.version }, ...published },
            { orderBy: { version: "asc" } },
          ),
      live?.parentId ? this.em.findOne(ResearchObject, { id: live.parentId }) : null,
    ]);
    return {
      previousDoi: previous?.doi ?? null,
      nextDoi: next?.doi ?? null,
      forkedFromDoi: forkedFrom?.doi ?? null,
    };
  }

  /** Everything `ro` publishes, read from the graph as `viewer` (null: as anybody). */
  async publicationOf(ro: ResearchObject, viewer = this.access.viewer): Promise<Publication> {
    const items = await this.em.find(
      ResearchObjectItem,
      { researchObject: ro.id },
      { orderBy: { addedAt: "asc", id: "asc" } },
    );
    const datasetIds = items.filter((i) => i.kind === ItemKind.DATASET).map((i) => i.targetId);
    const jobIds = items.filter((i) => i.kind === ItemKind.JOB).map((i) => i.targetId);
    const [graph, versions] = await Promise.all([
      this.rt.reader.walk(viewer, datasetIds, jobIds, 1),
      this.versionLinks(ro),
    ]);
    return {
      ro,
      items,
      graph,
      versions,
      landingUrl: this.landingUrl(ro.id),
      publisher: this.rt.settings.publisher,
    };
  }

  /** The DataCite attributes `ro` sends (a snapshot: what it sent); see dataciteAttributes. */
  async dataciteMetadata(ro: ResearchObject): Promise<Record<string, unknown>> {
    const frozen = await this.frozenOf(ro);
    if (frozen) return frozen.datacite;
    return dataciteAttributes(await this.publicationOf(ro));
  }

  async frozenOf(ro: ResearchObject): Promise<FrozenPublication | null> {
    if (ro.state === ResearchObjectState.LIVE) return null;
    await this.em.populate(ro, ["frozen"]);
    return ro.frozen ?? null;
  }

  /**
   * Takes an immutable snapshot of a LIVE research object: a new version with its own id and
   * a DOI. The DOI is reserved as a draft first, the snapshot committed (the LIVE row locked,
   * so concurrent snapshots get successive versions), then the DOI published with the
   * metadata. When the agency fails, the snapshot stays, without a findable DOI and with the
   * reason; publishResearchObjectDoi completes it with the same DOI.
   */
  async snapshot(id: string): Promise<ResearchObject> {
    const live = await this.objects.editable(id, "publish research objects");
    const publication = await this.publicationOf(live);
    const problems = new Problems();
    if (!publication.items.length)
      problems.add(
        "items",
        `Research object '${id}' has no items: add datasets, jobs or external resources first.`,
      );
    if (!live.creators.length)
      problems.add("creators", `Research object '${id}' has no creators: DataCite requires at least one.`);
    if (!live.licence)
      problems.add(
        "licence",
        `Research object '${id}' has no licence: RO-Crate requires one (an SPDX id, e.g. CC-BY-4.0).`,
      );
    for (const datasetId of datasetIdsOf(publication))
      if (!publication.graph.datasets.has(datasetId))
        problems.add(
          "items",
          `Dataset '${datasetId}' no longer exists or is not visible to you; remove it first.`,
        );
    for (const jobId of jobIdsOf(publication))
      if (!publication.graph.jobs.has(jobId))
        problems.add("items", `Job '${jobId}' no longer exists or is not visible to you; remove it first.`);
    problems.throwIfAny(`Research object '${id}' cannot be published yet`);

    const snapshotId = newId();
    const landingUrl = this.landingUrl(snapshotId);
    let doi = newDoi(this.rt.minter.prefix);
    let doiProblem: string | null = null;
    let reserved = false;
    for (let attempt = 0; attempt < 3 && !reserved; attempt++) {
      try {
        await this.rt.minter.reserve(doi, landingUrl);
        reserved = true;
        doiProblem = null;
      } catch (error) {
        if (error instanceof DoiTakenError) {
          doi = newDoi(this.rt.minter.prefix);
          continue;
        }
        if (!(error instanceof MintError)) throw error;
        doiProblem = error.message;
        break;
      }
    }

    const snapshot = await this.em.transactional(async (tx) => {
      const locked = await tx.findOne(
        ResearchObject,
        { id: live.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!locked || locked.state !== ResearchObjectState.LIVE)
        throw conflict(`Research object '${id}' changed while it was being published; try again.`);
      const version = locked.version;
      locked.version = version + 1;
      const now = new Date();
      const made = tx.create(ResearchObject, {
        id: snapshotId,
        title: locked.title,
        description: locked.description,
        creators: locked.creators,
        keywords: locked.keywords,
        licence: locked.licence,
        state: ResearchObjectState.SNAPSHOT,
        version,
        doi,
        doiState: reserved ? DoiState.DRAFT : null,
        doiProblem,
        parentId: locked.id,
        lineageId: locked.lineageId,
        owner: locked.owner,
        vo: locked.vo,
        coEditors: locked.coEditors,
        publishedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      for (const item of publication.items)
        tx.create(ResearchObjectItem, {
          researchObject: made,
          kind: item.kind,
          targetId: item.targetId,
          title: item.title,
          resourceType: item.resourceType,
          addedAt: item.addedAt,
        });
      // The version before this one, read under the lock: a concurrent snapshot may just have made it.
      const previous = await tx.findOne(
        ResearchObject,
        { lineageId: locked.lineageId, state: { $ne: ResearchObjectState.LIVE }, version: { $lt: version } },
        { orderBy: { version: "desc" } },
      );
      const frozenFrom: Publication = {
        ...publication,
        ro: made,
        landingUrl,
        versions: { ...publication.versions, previousDoi: previous?.doi ?? null, nextDoi: null },
      };
      made.frozen = { crate: crateDocument(frozenFrom), datacite: dataciteAttributes(frozenFrom) };
      return made;
    });
    if (reserved) await this.mint(snapshot);
    return snapshot;
  }

  /** Publishes a snapshot's DOI with its frozen metadata; a failure is kept as doiProblem and returned. */
  private async mint(snapshot: ResearchObject): Promise<MintError | null> {
    const frozen = await this.frozenOf(snapshot);
    if (!frozen || !snapshot.doi) return null;
    let failure: MintError | null = null;
    try {
      if (!snapshot.doiState) {
        await this.rt.minter.reserve(snapshot.doi, this.landingUrl(snapshot.id));
        snapshot.doiState = DoiState.DRAFT;
      }
      snapshot.doiState = await this.rt.minter.publish(snapshot.doi, frozen.datacite);
      snapshot.doiProblem = null;
    } catch (error) {
      if (!(error instanceof MintError)) throw error;
      snapshot.doiProblem = error.message;
      failure = error;
    }
    await this.em.flush();
    return failure;
  }

  /**
   * Completes a snapshot's DOI after the agency failed (same DOI, never a second one); a
   * findable one is left as it is. Still failing: the agency's words, as SUBGRAPH_UNAVAILABLE
   * when it may work later, BAD_USER_INPUT with its problems when it refused.
   */
  async publishDoi(id: string): Promise<ResearchObject> {
    const ro = await this.published(id, "publish research objects");
    if (ro.doiState === DoiState.FINDABLE) return ro;
    if (!ro.doi)
      throw conflict(
        `Research object '${id}' was published without a DOI (it was seeded or imported that way).`,
      );
    const failure = await this.mint(ro);
    if (failure)
      throw new ApiError(failure.transient ? "SUBGRAPH_UNAVAILABLE" : "BAD_USER_INPUT", failure.message, {
        problems: failure.problems.map((p) => ({ field: p.source || "doi", message: p.title })),
      });
    return ro;
  }

  private async published(id: string, what: string): Promise<ResearchObject> {
    this.access.requireViewer(what);
    const ro = await this.objects.get(id);
    if (!ro) throw notFound("ResearchObject", id);
    if (!canEditResearchObject(this.access, ro))
      throw forbidden(
        `Only the owner and co-editors of research object '${ro.id}' may ${what.replace(/ research objects$/, "")} it.`,
      );
    if (ro.state === ResearchObjectState.LIVE)
      throw conflict(`Research object '${id}' is LIVE; snapshot it first (snapshotResearchObject).`);
    return ro;
  }

  /** Marks a snapshot archived: still immutable, its DOI kept and still resolving. Twice is not an error. */
  async archive(id: string): Promise<ResearchObject> {
    const ro = await this.published(id, "archive research objects");
    if (ro.state === ResearchObjectState.ARCHIVED) return ro;
    ro.state = ResearchObjectState.ARCHIVED;
    ro.archivedAt = new Date();
    await this.em.flush();
    return ro;
  }

  /** A new LIVE research object made from any version the caller can see, owned by the caller. */
  async fork(id: string, vo?: string | null): Promise<ResearchObject> {
    this.access.requireViewer("fork research objects");
    const source = await this.objects.get(id);
    if (!source) throw notFound("ResearchObject", id);
    const targetVo = vo ?? source.vo;
    this.access.requireMemberOf(targetVo, "create research objects");
    const items = await this.em.find(
      ResearchObjectItem,
      { researchObject: source.id },
      { orderBy: { addedAt: "asc", id: "asc" } },
    );
    const fork = this.em.create(ResearchObject, {
      parentId: source.id,
      title: source.title,
      description: source.description,
      creators: source.creators,
      keywords: source.keywords,
      licence: source.licence,
      owner: this.access.sub!,
      vo: targetVo,
      coEditors: [],
    });
    const start = Date.now();
    items.forEach((item, i) =>
      this.em.create(ResearchObjectItem, {
        researchObject: fork,
        kind: item.kind,
        targetId: item.targetId,
        title: item.title,
        resourceType: item.resourceType,
        addedAt: new Date(start + i),
      }),
    );
    await this.em.flush();
    return fork;
  }

  /** The published versions of the lineage `ro` belongs to, oldest first (ids are time-ordered). */
  versions(ro: ResearchObject, page: Page): Promise<ConnectionResult<ResearchObject>> {
    return findPage(
      this.em,
      ResearchObject,
      { lineageId: ro.lineageId, state: { $ne: ResearchObjectState.LIVE } } as FilterQuery<ResearchObject>,
      page,
    );
  }

  /** Everything behind a research object, as the caller sees it, to `depth` levels. */
  async provenance(ro: ResearchObject, depth: number): Promise<ItemGraph> {
    const problems = new Problems();
    if (!Number.isInteger(depth) || depth < 0 || depth > MAX_PROVENANCE_DEPTH)
      problems.add("depth", `'depth' must be 0..${MAX_PROVENANCE_DEPTH}; got ${depth}.`);
    problems.throwIfAny("Provenance was not read");
    const items = await this.em.find(ResearchObjectItem, { researchObject: ro.id });
    return this.rt.reader.walk(
      this.access.viewer,
      items.filter((i) => i.kind === ItemKind.DATASET).map((i) => i.targetId),
      items.filter((i) => i.kind === ItemKind.JOB).map((i) => i.targetId),
      depth,
    );
  }

  /**
   * A LIVE research object from an RO-Crate made elsewhere (publish/ro-crate-import.ts reads
   * it). A title and a named author are required; an ORCID iD or licence that does not check
   * out, and datasets or jobs of this graph the caller cannot see, are left out and reported.
   */
  async importCrate(
    crate: unknown,
    vo: string,
  ): Promise<{ researchObject: ResearchObject; notUnderstood: string[] }> {
    this.access.requireMemberOf(vo, "create research objects");
    const { fields, items, notUnderstood } = readCrate(crate);
    const lenient = new Problems();
    const checked = checkMetadata(fields, true, lenient);
    for (const problem of lenient.list) {
      if (problem.field.endsWith(".orcid")) {
        const index = Number(problem.field.split(".")[1]);
        checked.creators![index].orcid = null;
        notUnderstood.push(`${problem.message} Left out.`);
      } else if (problem.field === "licence") {
        checked.licence = null;
        notUnderstood.push(`${problem.message} Left empty.`);
      }
    }
    const problems = new Problems();
    for (const problem of lenient.list)
      if (!problem.field.endsWith(".orcid") && problem.field !== "licence")
        problems.add(problem.field, problem.message);
    if (!checked.creators?.length)
      problems.add(
        "creators",
        "The crate names no author (root `author` with a `name`); a research object needs one.",
      );
    problems.throwIfAny("The crate was not imported");
    // The items' own problems (not there, not visible to you, no web address) leave them out.
    const itemProblems = new Problems();
    const checkedItems = await this.objects.checkItems(items, itemProblems, "items");
    const dropped = new Set(itemProblems.list.map((p) => Number(p.field.split(".")[1] ?? 0)));
    itemProblems.list.forEach((p) => notUnderstood.push(`${p.message} Left out.`));
    const kept = checkedItems.filter((_, i) => !dropped.has(i));
    const ro = this.em.create(ResearchObject, {
      title: checked.title!,
      description: checked.description ?? null,
      creators: checked.creators,
      keywords: checked.keywords ?? [],
      licence: checked.licence ?? null,
      owner: this.access.sub!,
      vo,
      coEditors: [],
    });
    const start = Date.now();
    kept.forEach((item, i) =>
      this.em.create(ResearchObjectItem, { researchObject: ro, ...item, addedAt: new Date(start + i) }),
    );
    await this.em.flush();
    return { researchObject: ro, notUnderstood };
  }
}
