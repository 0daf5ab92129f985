import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "@gridgraph/kit";
import { Dataset, Replica, SiteRef } from "../entities";
import type { DatasetLoaders } from "../loaders";

type Context = SubgraphContext<DatasetLoaders>;

@Resolver(() => Replica)
export class ReplicaResolver {
  @FieldResolver(() => Dataset)
  async dataset(@Root() replica: Replica, @Ctx() ctx: Context) {
    return ctx.loaders.datasetById.load(replica.datasetId);
  }

  @FieldResolver(() => SiteRef, {
    nullable: true,
    description: "The site holding this copy (resolved by the sites subgraph).",
  })
  site(@Root() replica: Replica): SiteRef {
    return { id: replica.siteId };
  }
}
