import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, toPage, toRef, type GatewayClient, type SubgraphContext } from "@gridgraph/kit";
import { canSeePeopleOfResearchObject } from "../domain/research-object.policy";
import { ResearchObjectService } from "../domain/research-object.service";
import { DatasetRef, ItemKind, JobRef, ResearchObject, ResearchObjectItem } from "../entities";
import type { ResearchObjectLoaders } from "../loaders";
import {
  CreateResearchObjectInput,
  ExternalResourceInput,
  ResearchObjectFilter,
} from "./research-object.input";
import { ResearchObjectConnection, ResearchObjectPayload } from "./research-object.type";

type Context = SubgraphContext<ResearchObjectLoaders>;

const service = (ctx: Context) =>
  new ResearchObjectService(
    ctx.em,
    ctx.access,
    (ctx.runtime as { gateway?: GatewayClient } | undefined)?.gateway,
  );

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

  @Mutation(() => ResearchObjectPayload, { description: "Starts a LIVE research object." })
  async createResearchObject(
    @Arg("input", () => CreateResearchObjectInput) input: CreateResearchObjectInput,
    @Ctx() ctx: Context,
  ) {
    return { researchObject: await service(ctx).create(input) };
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
    description: "What this is a snapshot or version of.",
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
