import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ConnectionArgs, toPage, type SubgraphContext } from "@gridgraph/kit";
import { SiteRef } from "../entities";
import type { DatasetLoaders } from "../loaders";
import { ReplicaConnection } from "./dataset.type";

/** Fields this subgraph contributes to the sites subgraph's Site. */
@Resolver(() => SiteRef)
export class SiteReplicasResolver {
  @FieldResolver(() => ReplicaConnection, {
    nullable: true,
    description: "Dataset replicas held at this site.",
  })
  replicas(@Root() site: SiteRef, @Args() args: ConnectionArgs, @Ctx() ctx: SubgraphContext<DatasetLoaders>) {
    return ctx.loaders.replicasBySite(toPage(args)).load(site.id);
  }
}
