import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "@gridgraph/kit";
import { HarvestRun, HarvestSource, Site } from "../../entities";
import { HarvestService } from "../domain/harvest.service";
import type { SiteLoaders } from "../../loaders";
import { CapabilityFormatEnum } from "./capabilities.resolver";

@InputType({ description: "Where and how often to harvest a site's record." })
export class HarvestSourceInput {
  @Field({ description: "ldap://site-bdii:2170[/base] (a BDII) or an https:// GOCDB PI URL." })
  url!: string;

  @Field(() => CapabilityFormatEnum)
  format!: CapabilityFormatEnum;

  @Field(() => String, {
    nullable: true,
    description: "LDAP search base; default the URL's path, else o=glue.",
  })
  base?: string | null;

  @Field(() => Int, { description: "Seconds between runs; at least 300." })
  intervalSeconds!: number;
}

/** Harvest schedules through the graph: sources per site, their runs, run now (site admins). */
@Resolver(() => HarvestSource)
export class HarvestResolver {
  @Mutation(() => HarvestSource, {
    description: "Adds or changes a source the sites service harvests the site's record from, on a schedule.",
  })
  setHarvestSource(
    @Arg("siteId", () => ID) siteId: string,
    @Arg("input", () => HarvestSourceInput) input: HarvestSourceInput,
    @Ctx() ctx: SubgraphContext<SiteLoaders>,
  ) {
    return new HarvestService(ctx.em, ctx.access).setSource(siteId, input);
  }

  @Mutation(() => Boolean)
  removeHarvestSource(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext<SiteLoaders>) {
    return new HarvestService(ctx.em, ctx.access).removeSource(id);
  }

  @Mutation(() => HarvestRun, { description: "Harvests a source now and says how it went." })
  runHarvest(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext<SiteLoaders>) {
    return new HarvestService(ctx.em, ctx.access).runNow(id, ctx.access.policy);
  }

  @FieldResolver(() => HarvestRun, { nullable: true })
  lastRun(@Root() source: HarvestSource, @Ctx() ctx: SubgraphContext<SiteLoaders>) {
    return ctx.loaders.lastHarvestRun.load(source.id).then((runs) => runs[0] ?? null);
  }

  @FieldResolver(() => [HarvestRun], { description: "Newest first." })
  runs(
    @Root() source: HarvestSource,
    @Arg("first", () => Int, { defaultValue: 10 }) first: number,
    @Ctx() ctx: SubgraphContext<SiteLoaders>,
  ) {
    return new HarvestService(ctx.em, ctx.access).runs(source.id, Math.min(Math.max(first, 1), 100));
  }
}

@Resolver(() => Site)
export class SiteHarvestResolver {
  @FieldResolver(() => [HarvestSource], {
    description:
      "Where the site's record is harvested from (its administrators and platform administrators; empty for others).",
  })
  async harvestSources(@Root() site: Site, @Ctx() ctx: SubgraphContext<SiteLoaders>) {
    if (!ctx.access.isSiteAdmin(site.id) && !ctx.access.isPlatformAdmin()) return [];
    return ctx.loaders.harvestSources.load(site.id);
  }
}
