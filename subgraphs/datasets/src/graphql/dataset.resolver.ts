import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, toPage, type SubgraphContext } from "@gridgraph/kit";
import { canSeePeopleOfDataset } from "../domain/dataset.policy";
import { DatasetService } from "../domain/dataset.service";
import { Dataset, Replica } from "../entities";
import type { DatasetLoaders } from "../loaders";
import { AddReplicaInput, DatasetFilter, RegisterDatasetInput } from "./dataset.input";
import { AddReplicaPayload, DatasetConnection, RegisterDatasetPayload } from "./dataset.type";

type Context = SubgraphContext<DatasetLoaders>;

@Resolver(() => Dataset)
export class DatasetResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Subject (OIDC sub) of the owner; shown to the owner, the dataset's VO and platform administrators, null for others.",
  })
  owner(@Root() dataset: Dataset, @Ctx() ctx: Context): string | null {
    return canSeePeopleOfDataset(ctx.access, dataset) ? dataset.owner : null;
  }

  @Query(() => Dataset, { nullable: true, description: "A dataset by id; null when unknown." })
  dataset(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return new DatasetService(ctx.em, ctx.access).get(id);
  }

  @Query(() => DatasetConnection, { description: "Datasets in the catalogue, oldest first." })
  datasets(
    @Args() args: ConnectionArgs,
    @Arg("filter", () => DatasetFilter, { nullable: true }) filter: DatasetFilter | null,
    @Ctx() ctx: Context,
  ) {
    return new DatasetService(ctx.em, ctx.access).list(filter ?? {}, toPage(args));
  }

  @Mutation(() => RegisterDatasetPayload, { description: "Adds a dataset to the catalogue." })
  async registerDataset(
    @Arg("input", () => RegisterDatasetInput) input: RegisterDatasetInput,
    @Ctx() ctx: Context,
  ) {
    const { derivedFrom, ...rest } = input;
    const dataset = await new DatasetService(ctx.em, ctx.access).register({
      ...rest,
      derivedFromIds: derivedFrom,
    });
    return { dataset };
  }

  @Mutation(() => AddReplicaPayload, { description: "Records a copy of a dataset at a site." })
  async addReplica(@Arg("input", () => AddReplicaInput) input: AddReplicaInput, @Ctx() ctx: Context) {
    return { replica: await new DatasetService(ctx.em, ctx.access).addReplica(input) };
  }

  @FieldResolver(() => [Replica], { description: "Where copies of the data live." })
  replicas(@Root() dataset: Dataset, @Ctx() ctx: Context) {
    return ctx.loaders.replicasByDataset.load(dataset.id);
  }

  @FieldResolver(() => [Dataset], { description: "Provenance: the datasets this one was derived from." })
  async derivedFrom(@Root() dataset: Dataset, @Ctx() ctx: Context) {
    const sources = await ctx.loaders.datasetById.loadMany(dataset.derivedFromIds);
    return sources.filter((d): d is Dataset => d instanceof Dataset);
  }
}
