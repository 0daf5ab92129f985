import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, toPage, type SubgraphContext } from "@gridgraph/kit";
import { canSeeActorsOfSite } from "../domain/site.policy";
import { SiteService } from "../domain/site.service";
import {
  ApplicationEnvironment,
  ComputeEndpoint,
  ComputeShare,
  Downtime,
  DowntimeSeverity,
  ExecutionEnvironment,
  Site,
  SiteChange,
  StorageEndpoint,
} from "../../entities";
import type { SiteLoaders } from "../../loaders";
import { SiteFilter } from "./site.input";
import { SiteChangeConnection, SiteConnection } from "./site.type";

type Context = SubgraphContext<SiteLoaders>;

@Resolver(() => Site)
export class SiteResolver {
  @Query(() => Site, { nullable: true, description: "A site by its GOCDB short name; null when unknown." })
  site(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return new SiteService(ctx.em).get(id);
  }

  @Query(() => SiteConnection, { description: "Sites, ordered by short name." })
  sites(
    @Args() args: ConnectionArgs,
    @Arg("filter", () => SiteFilter, { nullable: true }) filter: SiteFilter | null,
    @Ctx() ctx: Context,
  ) {
    return new SiteService(ctx.em).list(filter ?? {}, toPage(args));
  }

  @FieldResolver(() => [ComputeEndpoint])
  computeEndpoints(@Root() site: Site, @Ctx() ctx: Context) {
    return ctx.loaders.computeEndpoints.load(site.id);
  }

  @FieldResolver(() => [ComputeShare], { description: "Batch queues." })
  computeShares(@Root() site: Site, @Ctx() ctx: Context) {
    return ctx.loaders.computeShares.load(site.id);
  }

  @FieldResolver(() => [ExecutionEnvironment])
  executionEnvironments(@Root() site: Site, @Ctx() ctx: Context) {
    return ctx.loaders.executionEnvironments.load(site.id);
  }

  @FieldResolver(() => [ApplicationEnvironment], { description: "Installed software." })
  applicationEnvironments(@Root() site: Site, @Ctx() ctx: Context) {
    return ctx.loaders.applicationEnvironments.load(site.id);
  }

  @FieldResolver(() => [StorageEndpoint])
  storageEndpoints(@Root() site: Site, @Ctx() ctx: Context) {
    return ctx.loaders.storageEndpoints.load(site.id);
  }

  @FieldResolver(() => [Downtime], { description: "Downtimes that have not ended yet." })
  async downtimes(@Root() site: Site, @Ctx() ctx: Context) {
    const now = Date.now();
    return (await ctx.loaders.downtimes.load(site.id)).filter((d) => d.endsAt.getTime() > now);
  }

  @FieldResolver(() => SiteChangeConnection, { description: "Changes to this site's record, oldest first." })
  history(@Root() site: Site, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return ctx.loaders.historyBySite(toPage(args)).load(site.id);
  }

  @FieldResolver(() => Boolean, { description: "True while a whole-site OUTAGE downtime is in progress." })
  async inDowntime(@Root() site: Site, @Ctx() ctx: Context) {
    const now = Date.now();
    return (await ctx.loaders.downtimes.load(site.id)).some(
      (d) =>
        d.severity === DowntimeSeverity.OUTAGE &&
        d.affectedEndpoints.length === 0 &&
        d.startsAt.getTime() <= now &&
        d.endsAt.getTime() > now,
    );
  }
}

@Resolver(() => SiteChange)
export class SiteChangeResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Subject of who made the change (or the importer); shown to the site's administrators and platform administrators, null for others.",
  })
  actor(@Root() change: SiteChange, @Ctx() ctx: Context): string | null {
    return canSeeActorsOfSite(ctx.access, change.siteId) ? change.actor : null;
  }
}
