import { GraphQLJSONObject } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, toPage, toRef, type SubgraphContext } from "@gridgraph/kit";
import { DEFAULT_PROVENANCE_DEPTH, PublicationService } from "../domain/publication.service";
import { canSeePeopleOfResearchObject } from "../domain/research-object.policy";
import { ResearchObjectService } from "../domain/research-object.service";
import {
  DatasetRef,
  ItemKind,
  JobRef,
  ResearchObject,
  ResearchObjectItem,
  ResearchObjectState,
} from "../entities";
import type { ResearchObjectLoaders } from "../loaders";
import type { ResearchObjectsRuntime } from "../runtime";
import { citationsOf } from "../publish/citation";
import {
  CreateResearchObjectInput,
  ExternalResourceInput,
  ResearchObjectFilter,
  UpdateResearchObjectInput,
} from "./research-object.input";
import {
  Citation,
  ImportResearchObjectPayload,
  ResearchObjectConnection,
  ResearchObjectPayload,
  ResearchObjectProvenance,
} from "./research-object.type";

type Context = SubgraphContext<ResearchObjectLoaders>;

const runtimeOf = (ctx: Context) => ctx.runtime as ResearchObjectsRuntime | undefined;
const service = (ctx: Context) => new ResearchObjectService(ctx.em, ctx.access, runtimeOf(ctx)?.gateway);
const publication = (ctx: Context) => new PublicationService(ctx.em, ctx.access, runtimeOf(ctx));
const payload = async (researchObject: Promise<ResearchObject>) => ({ researchObject: await researchObject });

@Resolver(() => ResearchObject)
export class ResearchObjectResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Subject (OIDC sub) of the owner; shown to the owner, co-editors, the VO and platform administrators, null for others.",
  })
  owner(@Root() ro: ResearchObject, @Ctx() ctx: Context): string | null {
    return canSeePeopleOfResearchObject(ctx.access, ro) ? ro.owner : null;
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description:
      "Subjects allowed to edit besides the owner; shown to whom `owner` is shown, null for others.",
  })
  coEditors(@Root() ro: ResearchObject, @Ctx() ctx: Context): string[] | null {
    return canSeePeopleOfResearchObject(ctx.access, ro) ? ro.coEditors : null;
  }

  @Query(() => ResearchObject, { nullable: true, description: "A research object by id; null when unknown." })
  researchObject(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return service(ctx).get(id);
  }

  @Query(() => ResearchObjectConnection, { description: "Research objects, oldest first." })
  researchObjects(
    @Args() args: ConnectionArgs,
    @Arg("filter", () => ResearchObjectFilter, { nullable: true }) filter: ResearchObjectFilter | null,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).list(filter ?? {}, toPage(args));
  }

  @Mutation(() => ResearchObjectPayload, {
    description:
      "Starts a LIVE research object, with items if given; every problem with the metadata and the items is reported at once.",
  })
  async createResearchObject(
    @Arg("input", () => CreateResearchObjectInput) input: CreateResearchObjectInput,
    @Ctx() ctx: Context,
  ) {
    const { datasetIds, jobIds, externalResources, ...fields } = input;
    const items = [
      ...(datasetIds ?? []).map((targetId) => ({ kind: ItemKind.DATASET, targetId })),
      ...(jobIds ?? []).map((targetId) => ({ kind: ItemKind.JOB, targetId })),
      ...(externalResources ?? []).map((x) => ({ kind: ItemKind.EXTERNAL, targetId: x.url, ...x })),
    ];
    return payload(service(ctx).create({ ...fields, items }));
  }

  @Mutation(() => ResearchObjectPayload, {
    description: "Aggregates a dataset; adding it twice changes nothing.",
  })
  async addDatasetToResearchObject(
    @Arg("researchObjectId", () => ID) researchObjectId: string,
    @Arg("datasetId", () => ID) datasetId: string,
    @Ctx() ctx: Context,
  ) {
    const ro = await service(ctx).addItem(researchObjectId, {
      kind: ItemKind.DATASET,
      targetId: datasetId,
    });
    return { researchObject: ro };
  }

  @Mutation(() => ResearchObjectPayload, {
    description: "Aggregates a job; adding it twice changes nothing.",
  })
  async addJobToResearchObject(
    @Arg("researchObjectId", () => ID) researchObjectId: string,
    @Arg("jobId", () => ID) jobId: string,
    @Ctx() ctx: Context,
  ) {
    const ro = await service(ctx).addItem(researchObjectId, {
      kind: ItemKind.JOB,
      targetId: jobId,
    });
    return { researchObject: ro };
  }

  @Mutation(() => ResearchObjectPayload, { description: "Aggregates a paper, code repository, notebook..." })
  async addExternalResource(
    @Arg("researchObjectId", () => ID) researchObjectId: string,
    @Arg("input", () => ExternalResourceInput) input: ExternalResourceInput,
    @Ctx() ctx: Context,
  ) {
    const ro = await service(ctx).addItem(researchObjectId, {
      kind: ItemKind.EXTERNAL,
      targetId: input.url,
      title: input.title,
      resourceType: input.resourceType,
    });
    return { researchObject: ro };
  }

  @Mutation(() => ResearchObjectPayload, {
    description: "Changes a LIVE research object's metadata; a snapshot is refused with the reason.",
  })
  updateResearchObject(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateResearchObjectInput) input: UpdateResearchObjectInput,
    @Ctx() ctx: Context,
  ) {
    return payload(service(ctx).update(id, input));
  }

  @Mutation(() => ID, {
    description: "Deletes a LIVE research object that was never published; returns its id.",
  })
  deleteResearchObject(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return service(ctx).delete(id);
  }

  @Mutation(() => ResearchObjectPayload, {
    description:
      "Removes a dataset or job (by id) or an external resource (by URL); removing what is not there changes nothing.",
  })
  removeFromResearchObject(
    @Arg("researchObjectId", () => ID) researchObjectId: string,
    @Arg("target", { description: "Dataset id, job id or external resource URL." }) target: string,
    @Ctx() ctx: Context,
  ) {
    return payload(service(ctx).removeItem(researchObjectId, target));
  }

  @Mutation(() => ResearchObjectPayload, {
    description:
      "Takes an immutable snapshot of a LIVE research object: a new version with its own id and a DOI (reserved, then made findable). If the DOI agency fails, the snapshot keeps `doiProblem` and publishResearchObjectDoi completes it.",
  })
  snapshotResearchObject(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return payload(publication(ctx).snapshot(id));
  }

  @Mutation(() => ResearchObjectPayload, {
    description: "Completes a snapshot's DOI after the agency failed: the same DOI, never a second one.",
  })
  publishResearchObjectDoi(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return payload(publication(ctx).publishDoi(id));
  }

  @Mutation(() => ResearchObjectPayload, {
    description: "Archives a snapshot: immutable, its DOI kept; archiving twice is not an error.",
  })
  archiveResearchObject(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return payload(publication(ctx).archive(id));
  }

  @Mutation(() => ResearchObjectPayload, {
    description:
      "Starts a new LIVE research object, yours, from any version you can see (its metadata and items).",
  })
  forkResearchObject(
    @Arg("id", () => ID) id: string,
    @Arg("vo", () => String, { nullable: true, description: "The fork's VO; default: the source's." })
    vo: string | null,
    @Ctx() ctx: Context,
  ) {
    return payload(publication(ctx).fork(id, vo));
  }

  @Mutation(() => ImportResearchObjectPayload, {
    description:
      "Creates a LIVE research object from an RO-Crate metadata document made elsewhere: its name, description, authors, keywords, licence; parts with a web address as external resources; this graph's datasets and jobs (by their urn:gridgraph identifiers) as items. What was not understood is listed.",
  })
  importResearchObject(
    @Arg("crate", () => GraphQLJSONObject, { description: "The ro-crate-metadata.json document." })
    crate: Record<string, unknown>,
    @Arg("vo") vo: string,
    @Ctx() ctx: Context,
  ) {
    return publication(ctx).importCrate(crate, vo);
  }

  @FieldResolver(() => ResearchObjectConnection, {
    description:
      "The published versions (snapshots, archived) of this research object's lineage, oldest first.",
  })
  versions(@Root() ro: ResearchObject, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return publication(ctx).versions(ro, toPage(args));
  }

  @FieldResolver(() => ResearchObjectProvenance, {
    description: "Everything behind this research object, as you may see it, to `depth` levels (0..10).",
  })
  async provenance(
    @Root() ro: ResearchObject,
    @Arg("depth", () => Int, { defaultValue: DEFAULT_PROVENANCE_DEPTH }) depth: number,
    @Ctx() ctx: Context,
  ): Promise<ResearchObjectProvenance> {
    const graph = await publication(ctx).provenance(ro, depth);
    return {
      datasets: [...graph.datasets.keys()].map(toRef),
      jobs: [...graph.jobs.keys()].map(toRef),
      sites: [...graph.sites.keys()].map((id) => ({ id })),
      depth: graph.depth,
      truncated: graph.truncated,
    };
  }

  @FieldResolver(() => GraphQLJSONObject, {
    description:
      "The DataCite attributes (REST API JSON) a snapshot sent, or a LIVE object's next snapshot would send; derived from the graph, never typed.",
  })
  dataciteMetadata(@Root() ro: ResearchObject, @Ctx() ctx: Context) {
    return publication(ctx).dataciteMetadata(ro);
  }

  @FieldResolver(() => String, { description: "The landing page, the URL its DOI resolves to." })
  landingPage(@Root() ro: ResearchObject, @Ctx() ctx: Context): string {
    return publication(ctx).landingUrl(ro.id);
  }

  @FieldResolver(() => Citation, { description: "How to cite it." })
  citation(@Root() ro: ResearchObject, @Ctx() ctx: Context): Citation {
    const p = publication(ctx);
    const { apa, bibtex } = citationsOf({ ro, publisher: p.publisher, landingUrl: p.landingUrl(ro.id) });
    return { apa, bibtex };
  }

  @FieldResolver(() => Boolean, {
    description: "True for a snapshot or archived version (immutable, with a DOI).",
  })
  published(@Root() ro: ResearchObject): boolean {
    return ro.state !== ResearchObjectState.LIVE;
  }

  private async items(ro: ResearchObject, ctx: Context, kind: ItemKind): Promise<ResearchObjectItem[]> {
    return (await ctx.loaders.itemsByResearchObject.load(ro.id)).filter((i) => i.kind === kind);
  }

  @FieldResolver(() => [DatasetRef], {
    nullable: "items",
    description: "Aggregated datasets, in the order added.",
  })
  async datasets(@Root() ro: ResearchObject, @Ctx() ctx: Context): Promise<DatasetRef[]> {
    return (await this.items(ro, ctx, ItemKind.DATASET)).map((i) => toRef(i.targetId));
  }

  @FieldResolver(() => [JobRef], { nullable: "items", description: "Aggregated jobs, in the order added." })
  async jobs(@Root() ro: ResearchObject, @Ctx() ctx: Context): Promise<JobRef[]> {
    return (await this.items(ro, ctx, ItemKind.JOB)).map((i) => toRef(i.targetId));
  }

  @FieldResolver(() => [ResearchObjectItem], { description: "Papers, code, notebooks outside the graph." })
  externalResources(@Root() ro: ResearchObject, @Ctx() ctx: Context) {
    return this.items(ro, ctx, ItemKind.EXTERNAL);
  }

  @FieldResolver(() => ResearchObject, {
    nullable: true,
    description: "What this is a snapshot of (a LIVE research object) or a fork of (any version).",
  })
  parent(@Root() ro: ResearchObject, @Ctx() ctx: Context) {
    return ro.parentId ? ctx.loaders.researchObjectById.load(ro.parentId) : null;
  }
}

@Resolver(() => DatasetRef)
export class DatasetResearchObjectsResolver {
  @FieldResolver(() => ResearchObjectConnection, {
    nullable: true,
    description: "Research objects aggregating this dataset.",
  })
  researchObjects(@Root() dataset: DatasetRef, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return ctx.loaders.researchObjectsByDataset(toPage(args)).load(dataset.ref);
  }

  @FieldResolver(() => Int, {
    description:
      "How many published research objects (snapshots, archived) include this dataset; such a dataset cannot be deleted.",
  })
  async publishedResearchObjectCount(@Root() dataset: DatasetRef, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.publishedItemsByDataset.load(dataset.ref)).length;
  }
}

@Resolver(() => JobRef)
export class JobResearchObjectsResolver {
  @FieldResolver(() => ResearchObjectConnection, {
    nullable: true,
    description: "Research objects aggregating this job.",
  })
  researchObjects(@Root() job: JobRef, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return ctx.loaders.researchObjectsByJob(toPage(args)).load(job.ref);
  }
}
