import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { SubgraphContext } from "../../../kit/src";
import { SiteAdminService } from "../domain/site-admin.service";
import { ComputeShare, Downtime, Site } from "../entities";
import type { SiteLoaders } from "../loaders";
import { DeclareDowntimeInput, UpdateComputeShareInput, UpdateSiteInput } from "./site-admin.input";
import { ViewerType, viewerOf } from "./viewer.type";

type Context = SubgraphContext<SiteLoaders>;

@ObjectType()
export class UpdateSitePayload {
  @Field(() => Site)
  site!: Site;
}

@ObjectType()
export class DeclareDowntimePayload {
  @Field(() => Downtime)
  downtime!: Downtime;
}

@ObjectType()
export class UpdateComputeSharePayload {
  @Field(() => ComputeShare)
  computeShare!: ComputeShare;
}

@Resolver()
export class SiteAdminResolver {
  @Query(() => ViewerType, { nullable: true, description: "Who you are to the graph; null when anonymous." })
  viewer(@Ctx() ctx: Context) {
    return viewerOf(ctx.access);
  }

  @Mutation(() => UpdateSitePayload, {
    description: "Edits a site's record (site administrators, platform administrators).",
  })
  async updateSite(@Arg("input", () => UpdateSiteInput) input: UpdateSiteInput, @Ctx() ctx: Context) {
    return { site: await new SiteAdminService(ctx.em, ctx.access).update(input) };
  }

  @Mutation(() => UpdateComputeSharePayload, {
    description:
      "Corrects a queue's limits (site administrators, platform administrators); kept in Site.history.",
  })
  async updateComputeShare(
    @Arg("input", () => UpdateComputeShareInput) input: UpdateComputeShareInput,
    @Ctx() ctx: Context,
  ) {
    return { computeShare: await new SiteAdminService(ctx.em, ctx.access).updateShare(input) };
  }

  @Mutation(() => DeclareDowntimePayload, {
    description: "Declares a downtime of a site (site administrators, platform administrators).",
  })
  async declareDowntime(
    @Arg("input", () => DeclareDowntimeInput) input: DeclareDowntimeInput,
    @Ctx() ctx: Context,
  ) {
    return { downtime: await new SiteAdminService(ctx.em, ctx.access).declareDowntime(input) };
  }
}
