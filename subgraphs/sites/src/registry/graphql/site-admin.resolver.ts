import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { SubgraphContext } from "@gridgraph/kit";
import { SiteAdminService } from "../domain/site-admin.service";
import {
  ApplicationEnvironment,
  ComputeEndpoint,
  ComputeShare,
  Downtime,
  ExecutionEnvironment,
  Site,
  StorageEndpoint,
} from "../../entities";
import type { SiteLoaders } from "../../loaders";
import {
  ComputeEndpointInputs,
  ComputeShareInputs,
  CreateApplicationEnvironmentInput,
  CreateSiteInput,
  DowntimeInputs,
  ExecutionEnvironmentInputs,
  SitePartKind,
  StorageEndpointInputs,
  UpdateSiteInput,
} from "./site-admin.input";
import { ViewerType, viewerOf } from "./viewer.type";

type Context = SubgraphContext<SiteLoaders>;

/** `<Type>Payload { <field>: Type! }`, the answer of the mutations that create or edit a Type. */
function payload<T>(type: new () => T, field: string) {
  @ObjectType(`${type.name}Payload`)
  class Payload {}
  Field(() => type)(Payload.prototype, field);
  return Payload;
}
const SitePayload = payload(Site, "site");
const ComputeEndpointPayload = payload(ComputeEndpoint, "computeEndpoint");
const ComputeSharePayload = payload(ComputeShare, "computeShare");
const ExecutionEnvironmentPayload = payload(ExecutionEnvironment, "executionEnvironment");
const ApplicationEnvironmentPayload = payload(ApplicationEnvironment, "applicationEnvironment");
const StorageEndpointPayload = payload(StorageEndpoint, "storageEndpoint");
const DowntimePayload = payload(Downtime, "downtime");

@ObjectType()
export class DeleteSitePartPayload {
  @Field(() => SitePartKind)
  kind!: SitePartKind;

  @Field(() => ID, { description: "The removed record's id; Site.history keeps what it was." })
  id!: string;
}

type Fields<T> = Omit<T, "id" | "siteId" | "expectedVersion">;
const fieldsOf = <T extends object>(input: T): Fields<T> => {
  const { id: _id, siteId: _siteId, expectedVersion: _v, ...fields } = input as Record<string, unknown>;
  return fields as Fields<T>;
};
const ADMINS = "site administrators and platform administrators; kept in Site.history";

/**
 * Administration of site records: every part can be created and updated, and removed with
 * deleteSitePart. The rules and the history are the domain service's; this maps the graph to it.
 */
@Resolver()
export class SiteAdminResolver {
  @Query(() => ViewerType, { nullable: true, description: "Who you are to the graph; null when anonymous." })
  viewer(@Ctx() ctx: Context) {
    return viewerOf(ctx.access);
  }

  @Mutation(() => SitePayload, {
    description: "Registers a site (an administrator of that site id, or a platform administrator).",
  })
  async createSite(@Arg("input", () => CreateSiteInput) input: CreateSiteInput, @Ctx() ctx: Context) {
    return { site: await service(ctx).createSite(input.id, fieldsOf(input)) };
  }

  @Mutation(() => SitePayload, { description: `Edits a site's own record (${ADMINS}).` })
  async updateSite(@Arg("input", () => UpdateSiteInput) input: UpdateSiteInput, @Ctx() ctx: Context) {
    return { site: await service(ctx).updateSite(input.id, input.expectedVersion, fieldsOf(input)) };
  }

  @Mutation(() => ComputeEndpointPayload, { description: `Adds a compute endpoint (${ADMINS}).` })
  async createComputeEndpoint(
    @Arg("input", () => ComputeEndpointInputs.Create) input: { siteId: string },
    @Ctx() ctx: Context,
  ) {
    return {
      computeEndpoint: await service(ctx).createPart("ComputeEndpoint", input.siteId, fieldsOf(input)),
    };
  }

  @Mutation(() => ComputeEndpointPayload, { description: `Edits a compute endpoint (${ADMINS}).` })
  async updateComputeEndpoint(
    @Arg("input", () => ComputeEndpointInputs.Update) input: { id: string; expectedVersion: number },
    @Ctx() ctx: Context,
  ) {
    return { computeEndpoint: await update(ctx, "ComputeEndpoint", input) };
  }

  @Mutation(() => ComputeSharePayload, { description: `Adds a queue (${ADMINS}).` })
  async createComputeShare(
    @Arg("input", () => ComputeShareInputs.Create) input: { siteId: string },
    @Ctx() ctx: Context,
  ) {
    return { computeShare: await service(ctx).createPart("ComputeShare", input.siteId, fieldsOf(input)) };
  }

  @Mutation(() => ComputeSharePayload, { description: `Corrects a queue's limits or state (${ADMINS}).` })
  async updateComputeShare(
    @Arg("input", () => ComputeShareInputs.Update) input: { id: string; expectedVersion: number },
    @Ctx() ctx: Context,
  ) {
    return { computeShare: await update(ctx, "ComputeShare", input) };
  }

  @Mutation(() => ExecutionEnvironmentPayload, { description: `Adds a class of worker nodes (${ADMINS}).` })
  async createExecutionEnvironment(
    @Arg("input", () => ExecutionEnvironmentInputs.Create) input: { siteId: string },
    @Ctx() ctx: Context,
  ) {
    return {
      executionEnvironment: await service(ctx).createPart(
        "ExecutionEnvironment",
        input.siteId,
        fieldsOf(input),
      ),
    };
  }

  @Mutation(() => ExecutionEnvironmentPayload, { description: `Edits a class of worker nodes (${ADMINS}).` })
  async updateExecutionEnvironment(
    @Arg("input", () => ExecutionEnvironmentInputs.Update) input: { id: string; expectedVersion: number },
    @Ctx() ctx: Context,
  ) {
    return { executionEnvironment: await update(ctx, "ExecutionEnvironment", input) };
  }

  @Mutation(() => ApplicationEnvironmentPayload, { description: `Adds software (${ADMINS}).` })
  async createApplicationEnvironment(
    @Arg("input", () => CreateApplicationEnvironmentInput) input: CreateApplicationEnvironmentInput,
    @Ctx() ctx: Context,
  ) {
    return {
      applicationEnvironment: await service(ctx).createPart(
        "ApplicationEnvironment",
        input.siteId,
        fieldsOf(input),
      ),
    };
  }

  @Mutation(() => StorageEndpointPayload, { description: `Adds a storage endpoint (${ADMINS}).` })
  async createStorageEndpoint(
    @Arg("input", () => StorageEndpointInputs.Create) input: { siteId: string },
    @Ctx() ctx: Context,
  ) {
    return {
      storageEndpoint: await service(ctx).createPart("StorageEndpoint", input.siteId, fieldsOf(input)),
    };
  }

  @Mutation(() => StorageEndpointPayload, { description: `Edits a storage endpoint (${ADMINS}).` })
  async updateStorageEndpoint(
    @Arg("input", () => StorageEndpointInputs.Update) input: { id: string; expectedVersion: number },
    @Ctx() ctx: Context,
  ) {
    return { storageEndpoint: await update(ctx, "StorageEndpoint", input) };
  }

  @Mutation(() => DowntimePayload, {
    description: `Declares a downtime of a site or some endpoints (${ADMINS}).`,
  })
  async declareDowntime(
    @Arg("input", () => DowntimeInputs.Create) input: { siteId: string },
    @Ctx() ctx: Context,
  ) {
    return { downtime: await service(ctx).createPart("Downtime", input.siteId, fieldsOf(input)) };
  }

  @Mutation(() => DowntimePayload, { description: `Changes a downtime, e.g. extends it (${ADMINS}).` })
  async updateDowntime(
    @Arg("input", () => DowntimeInputs.Update) input: { id: string; expectedVersion: number },
    @Ctx() ctx: Context,
  ) {
    return { downtime: await update(ctx, "Downtime", input) };
  }

  @Mutation(() => DeleteSitePartPayload, {
    description: `Removes a part of a site record (${ADMINS}). expectedVersion is required for every part that has a version.`,
  })
  async deleteSitePart(
    @Arg("kind", () => SitePartKind) kind: SitePartKind,
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return { kind, id: await service(ctx).deletePart(kind, id, expectedVersion ?? null) };
  }
}

const service = (ctx: Context) => new SiteAdminService(ctx.em, ctx.access);
const update = <K extends Exclude<keyof typeof SitePartKind, "ApplicationEnvironment">>(
  ctx: Context,
  kind: K,
  input: { id: string; expectedVersion: number },
) => service(ctx).updatePart(kind, input.id, input.expectedVersion, fieldsOf(input));
