import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, toPage, type SubgraphContext } from "@gridgraph/kit";
import { canSeePeopleOfDataset } from "../domain/dataset.policy";
import { DatasetService, type DatasetPatch } from "../domain/dataset.service";
import { Dataset, DatasetChange, Replica } from "../entities";
import type { DatasetLoaders } from "../loaders";
import type { DatasetsRuntime } from "../runtime";
import {
  AddReplicaInput,
  DatasetFilter,
  DatasetSort,
  RegisterDatasetInput,
  UpdateDatasetInput,
  UpdateReplicaInput,
} from "./dataset.input";
import {
  AddReplicaPayload,
  DatasetConnection,
  DatasetFacets,
  DeletePayload,
  RegisterDatasetPayload,
} from "./dataset.type";

type Context = SubgraphContext<DatasetLoaders>;

const service = (ctx: Context) =>
  new DatasetService(ctx.em, ctx.access, ctx.runtime as DatasetsRuntime | undefined);

/** A patch without the nulls given for fields that cannot be empty (null there means "leave it"). */
function patchOf(input: UpdateDatasetInput): DatasetPatch {
  const { derivedFrom, ...rest } = input;
  const required = [
    "lfn",
    "title",
    "instrument",
    "level",
    "productType",
    "format",
    "sizeBytes",
    "fileCount",
    "access",
  ];
  const patch = Object.fromEntries(
    Object.entries(rest).filter(
      ([key, value]) => value !== undefined && !(value === null && required.includes(key)),
    ),
  ) as DatasetPatch;
  if (derivedFrom) patch.derivedFromIds = derivedFrom;
  return patch;
}

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
    return service(ctx).get(id);
  }

  @Query(() => DatasetConnection, {
    description: "Datasets in the catalogue, in registration order unless `sort` says otherwise.",
  })
  datasets(
    @Args() args: ConnectionArgs,
    @Arg("filter", () => DatasetFilter, { nullable: true }) filter: DatasetFilter | null,
    @Arg("sort", () => DatasetSort, { nullable: true }) sort: DatasetSort | null,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).list(filter ?? {}, toPage(args), sort);
  }

  @Query(() => DatasetFacets, {
    description:
      "Counts per community, level, instrument, format, access, site and replica state for a filter.",
  })
  async datasetFacets(
    @Arg("filter", () => DatasetFilter, { nullable: true }) filter: DatasetFilter | null,
    @Ctx() ctx: Context,
  ): Promise<DatasetFacets> {
    const facets = await service(ctx).facets(filter ?? {});
    const totalCount = facets.community.reduce((n, c) => n + c.count, 0);
    return { totalCount, ...facets };
  }

  @Mutation(() => RegisterDatasetPayload, {
    description: "Adds a dataset to the catalogue, under a namespace its VO owns (README: data).",
  })
  async registerDataset(
    @Arg("input", () => RegisterDatasetInput) input: RegisterDatasetInput,
    @Ctx() ctx: Context,
  ) {
    const { derivedFrom, ...rest } = input;
    return { dataset: await service(ctx).register({ ...rest, derivedFromIds: derivedFrom }) };
  }

  @Mutation(() => RegisterDatasetPayload, {
    description:
      "Corrects a dataset's record (its owner, its VO's managers, platform administrators); kept in its history.",
  })
  async updateDataset(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateDatasetInput) input: UpdateDatasetInput,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ) {
    return { dataset: await service(ctx).update(id, patchOf(input), reason) };
  }

  @Mutation(() => DeletePayload, {
    description:
      "Removes a dataset from the catalogue. One with replicas, derived datasets, jobs or research objects is refused unless force is true.",
  })
  async deleteDataset(
    @Arg("id", () => ID) id: string,
    @Arg("force", { defaultValue: false }) force: boolean,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ) {
    return { id: await service(ctx).delete(id, force, reason) };
  }

  @Mutation(() => AddReplicaPayload, {
    description:
      "Records a copy of a dataset at one of a site's storage endpoints (checked with the sites registry).",
  })
  async addReplica(@Arg("input", () => AddReplicaInput) input: AddReplicaInput, @Ctx() ctx: Context) {
    return { replica: await service(ctx).addReplica(input) };
  }

  @Mutation(() => AddReplicaPayload, { description: "Corrects a replica (state, place, size, checksum)." })
  async updateReplica(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateReplicaInput) input: UpdateReplicaInput,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ) {
    return { replica: await service(ctx).updateReplica(id, input, reason) };
  }

  @Mutation(() => DeletePayload, {
    description: "Removes a replica from the catalogue (the bytes stay on the storage).",
  })
  async deleteReplica(
    @Arg("id", () => ID) id: string,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ) {
    return { id: await service(ctx).deleteReplica(id, reason) };
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

  @FieldResolver(() => [DatasetChange], {
    description: "Corrections to this dataset and its replicas, newest first.",
  })
  history(@Root() dataset: Dataset, @Ctx() ctx: Context) {
    return ctx.loaders.historyByDataset.load(dataset.id);
  }
}

@Resolver(() => DatasetChange)
export class DatasetChangeResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: "Who made the change; shown to those who may see the dataset's people.",
  })
  async actor(@Root() change: DatasetChange, @Ctx() ctx: Context): Promise<string | null> {
    const dataset = await ctx.loaders.datasetById.load(change.datasetId);
    return dataset && canSeePeopleOfDataset(ctx.access, dataset) ? change.actor : null;
  }
}
