import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { GraphQLSafeInt } from "graphql-scalars";
import { ConnectionArgs, toPage, type SubgraphContext } from "@gridgraph/kit";
import { DataRequestService, type DataRequestPlan } from "../domain/data-request.service";
import {
  DataFileState,
  DataRequest,
  DataRequestEvent,
  DataRequestFile,
  DataRequestKind,
  DataRequestState,
  Dataset,
} from "../entities";
import type { DatasetLoaders } from "../loaders";
import type { DatasetsRuntime } from "../runtime";
import { DataRequestInput, PreviewDataRequestInput } from "./dataset.input";
import {
  DataRequestConnection,
  DataRequestPayload,
  DataRequestPreview,
  DataRequestSummary,
} from "./dataset.type";

type Context = SubgraphContext<DatasetLoaders>;

const service = (ctx: Context) => new DataRequestService(ctx.em, ctx.access, ctx.runtime as DatasetsRuntime);

const previewOf = (plan: DataRequestPlan): DataRequestPreview => ({
  ...plan,
  files: plan.files.map((f) => ({
    dataset: f.dataset,
    sourceSiteId: f.source.siteId,
    sourceStorageUrl: f.source.storageUrl,
    needsStaging: f.needsStaging,
    bytes: f.bytes,
  })),
});

@Resolver(() => DataRequest)
export class DataRequestResolver {
  @Query(() => DataRequest, {
    nullable: true,
    description: "A staging or transfer request; null when unknown or not yours.",
  })
  dataRequest(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return service(ctx).get(id);
  }

  @Query(() => DataRequestConnection, {
    description: "Your data requests (a VO manager: the VO's), oldest first.",
  })
  dataRequests(
    @Args() args: ConnectionArgs,
    @Arg("state", () => DataRequestState, { nullable: true }) state: DataRequestState | null,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).list(toPage(args), state);
  }

  @Query(() => DataRequestPreview, {
    description:
      "What a staging or transfer request would move, from where, and what must be recalled from tape; refused as the request would be.",
  })
  async previewDataRequest(
    @Arg("input", () => PreviewDataRequestInput) input: PreviewDataRequestInput,
    @Ctx() ctx: Context,
  ) {
    return previewOf(await service(ctx).plan(input));
  }

  @Mutation(() => DataRequestPayload, {
    description: "Recalls datasets from tape to disk at the site holding them (NEARLINE -> ONLINE).",
  })
  async stageDatasets(@Arg("input", () => DataRequestInput) input: DataRequestInput, @Ctx() ctx: Context) {
    return { request: await service(ctx).submit({ ...input, kind: DataRequestKind.STAGE }) };
  }

  @Mutation(() => DataRequestPayload, {
    description:
      "Copies datasets to a site's storage endpoint (recalling from tape first where needed), verifies ADLER32 and registers the new replicas.",
  })
  async transferDatasets(@Arg("input", () => DataRequestInput) input: DataRequestInput, @Ctx() ctx: Context) {
    return { request: await service(ctx).submit({ ...input, kind: DataRequestKind.TRANSFER }) };
  }

  @Mutation(() => DataRequestPayload, {
    description: "Stops a request: files not yet finished are CANCELED.",
  })
  async cancelDataRequest(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return { request: await service(ctx).cancel(id) };
  }

  @FieldResolver(() => [DataRequestFile])
  files(@Root() request: DataRequest, @Ctx() ctx: Context) {
    return ctx.loaders.filesByRequest.load(request.id);
  }

  @FieldResolver(() => GraphQLSafeInt, { description: "Bytes copied so far over all files." })
  async bytesDone(@Root() request: DataRequest, @Ctx() ctx: Context) {
    const states = await ctx.loaders.fileStatesByRequest.load(request.id);
    return states.reduce((n, s) => n + s.bytes, 0);
  }

  @FieldResolver(() => DataRequestSummary)
  async summary(@Root() request: DataRequest, @Ctx() ctx: Context): Promise<DataRequestSummary> {
    const states = await ctx.loaders.fileStatesByRequest.load(request.id);
    const count = (state: DataFileState) => states.find((s) => s.state === state)?.files ?? 0;
    return {
      submitted: count(DataFileState.SUBMITTED),
      staging: count(DataFileState.STAGING),
      active: count(DataFileState.ACTIVE),
      finished: count(DataFileState.FINISHED),
      failed: count(DataFileState.FAILED),
      canceled: count(DataFileState.CANCELED),
    };
  }

  @FieldResolver(() => [DataRequestEvent], {
    description: "What happened, in order (after `after`, at most 500).",
  })
  events(
    @Root() request: DataRequest,
    @Arg("after", () => Int, { defaultValue: 0 }) after: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.em.find(
      DataRequestEvent,
      { request: request.id, seq: { $gt: after } },
      { orderBy: { seq: "asc" }, limit: 500 },
    );
  }

  @FieldResolver(() => String, {
    description: "Server-sent events of this request at the gateway (GET, same token).",
  })
  eventsPath(@Root() request: DataRequest): string {
    return `/data-requests/${request.id}/events`;
  }
}

@Resolver(() => DataRequestFile)
export class DataRequestFileResolver {
  @FieldResolver(() => Dataset, {
    nullable: true,
    description: "The dataset (null if it has been deleted or hidden since).",
  })
  dataset(@Root() file: DataRequestFile, @Ctx() ctx: Context) {
    return ctx.loaders.datasetById.load(file.datasetId);
  }
}
