import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, toPage, toRef, type SubgraphContext } from "@gridgraph/kit";
import { JobService } from "../domain/job.service";
import { DatasetRef, Job, JobEvent, SiteRef } from "../entities";
import type { JobLoaders } from "../loaders";
import { JobFilter, SubmitJobInput } from "./job.input";
import { JobConnection, SubmitJobPayload } from "./job.type";

type Context = SubgraphContext<JobLoaders>;

@Resolver(() => Job)
export class JobResolver {
  @Query(() => Job, { nullable: true, description: "A job by id; null when unknown." })
  job(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return new JobService(ctx.em, ctx.access).get(id);
  }

  @Query(() => JobConnection, { description: "Jobs, oldest first." })
  jobs(
    @Args() args: ConnectionArgs,
    @Arg("filter", () => JobFilter, { nullable: true }) filter: JobFilter | null,
    @Ctx() ctx: Context,
  ) {
    return new JobService(ctx.em, ctx.access).list(filter ?? {}, toPage(args));
  }

  @Mutation(() => SubmitJobPayload, { description: "Records a job (placement and execution come later)." })
  async submitJob(@Arg("input", () => SubmitJobInput) input: SubmitJobInput, @Ctx() ctx: Context) {
    const { inputs, ...spec } = input;
    return { job: await new JobService(ctx.em, ctx.access).submit({ ...spec, inputDatasetIds: inputs }) };
  }

  @FieldResolver(() => [DatasetRef], {
    nullable: "items",
    description: "Input datasets, in the order given; null for one that is gone or hidden from you.",
  })
  inputs(@Root() job: Job): DatasetRef[] {
    return job.inputDatasetIds.map(toRef);
  }

  @FieldResolver(() => SiteRef, {
    nullable: true,
    description: "Where the job was placed; null before placement.",
  })
  site(@Root() job: Job): SiteRef | null {
    return job.siteId ? { id: job.siteId } : null;
  }

  @FieldResolver(() => [JobEvent], { description: "Status changes, oldest first." })
  events(@Root() job: Job, @Ctx() ctx: Context) {
    return ctx.loaders.eventsByJob.load(job.id);
  }
}

/** Fields this subgraph contributes to Site and Dataset. */
@Resolver(() => SiteRef)
export class SiteJobsResolver {
  @FieldResolver(() => JobConnection, { nullable: true, description: "Jobs placed at this site." })
  jobs(@Root() site: SiteRef, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return ctx.loaders.jobsBySite(toPage(args)).load(site.id);
  }
}

@Resolver(() => DatasetRef)
export class DatasetJobsResolver {
  @FieldResolver(() => JobConnection, { nullable: true, description: "Jobs that read this dataset." })
  consumedBy(@Root() dataset: DatasetRef, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return ctx.loaders.jobsByInputDataset(toPage(args)).load(dataset.ref);
  }
}
