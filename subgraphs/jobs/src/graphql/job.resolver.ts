import fs from "node:fs";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, toPage, toRef, type SubgraphContext } from "@gridgraph/kit";
import { JobService } from "../domain/job.service";
import { specsFromJdl } from "../domain/jdl-submission";
import { DatasetRef, Job, JobCollection, JobEvent, SiteRef } from "../entities";
import type { JobLoaders } from "../loaders";
import type { JobsRuntime } from "../runtime";
import { JobFilter, SubmitJobInput, SubmitJobJdlInput } from "./job.input";
import {
  JobConnection,
  JobPayload,
  JobStatusCount,
  LogTail,
  SubmitJobJdlPayload,
  SubmitJobPayload,
} from "./job.type";

type Context = SubgraphContext<JobLoaders>;

const service = (ctx: Context) => new JobService(ctx.em, ctx.access, ctx.runtime as JobsRuntime | undefined);

/** The end of a log file; null before the job has one. */
function tail(ctx: Context, job: Job, which: "stdout" | "stderr"): LogTail | null {
  const runtime = ctx.runtime as JobsRuntime | undefined;
  const backend = runtime?.backends.forJob(job);
  if (!runtime || !backend || !job.workDir) return null;
  const file = backend.logFiles(job.workDir)[which];
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return null;
  }
  const length = Math.min(size, runtime.settings.tailBytes);
  const buffer = Buffer.alloc(length);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, buffer, 0, length, size - length);
  } finally {
    fs.closeSync(fd);
  }
  return {
    text: buffer.toString("utf8"),
    sizeBytes: size,
    truncated: length < size,
    downloadPath: `/jobs/${encodeURIComponent(job.id)}/${which}`,
  };
}

@Resolver(() => Job)
export class JobResolver {
  @Query(() => Job, { nullable: true, description: "A job by id; null when unknown." })
  job(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return service(ctx).get(id);
  }

  @Query(() => JobConnection, { description: "Jobs, oldest first." })
  jobs(
    @Args() args: ConnectionArgs,
    @Arg("filter", () => JobFilter, { nullable: true }) filter: JobFilter | null,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).list(filter ?? {}, toPage(args));
  }

  @Mutation(() => SubmitJobPayload, {
    description:
      "Places a job with the registry's placement (unless you name a site), records it and sends it to the site's backend. A job that fits nowhere is refused with NO_PLACEMENT and every site's reasons.",
  })
  async submitJob(@Arg("input", () => SubmitJobInput) input: SubmitJobInput, @Ctx() ctx: Context) {
    const { inputs, ...spec } = input;
    return { job: await service(ctx).submit({ ...spec, inputDatasetIds: inputs }) };
  }

  @Mutation(() => SubmitJobJdlPayload, {
    description:
      "Submits a DIRAC JDL: one job, or a collection of one job per parameter; InputData becomes the jobs' inputs.",
  })
  async submitJobJdl(@Arg("input", () => SubmitJobJdlInput) input: SubmitJobJdlInput, @Ctx() ctx: Context) {
    ctx.access.requireViewer("submit jobs");
    const runtime = ctx.runtime as JobsRuntime;
    const read = await specsFromJdl(runtime.graph, ctx.access.viewer!, input);
    const jobs = await service(ctx).submitMany(read.specs, read.parametric ? { name: read.name } : undefined);
    const collection = jobs[0].collectionId
      ? await ctx.em.findOne(JobCollection, { id: jobs[0].collectionId })
      : null;
    return { jobs, collection, warnings: read.warnings };
  }

  @Mutation(() => JobPayload, { description: "Cancels a job; cancelling a finished job changes nothing." })
  async cancelJob(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return { job: await service(ctx).cancel(id) };
  }

  @Mutation(() => JobPayload, { description: "Holds a job that has not started." })
  async holdJob(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return { job: await service(ctx).hold(id) };
  }

  @Mutation(() => JobPayload, { description: "Releases a held job." })
  async releaseJob(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return { job: await service(ctx).release(id) };
  }

  @Mutation(() => JobPayload, {
    description:
      "Runs a finished job again as a new attempt, placed again; an active job is returned as it is.",
  })
  async resubmitJob(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return { job: await service(ctx).resubmit(id) };
  }

  @FieldResolver(() => [DatasetRef], {
    nullable: "items",
    description: "Input datasets, in the order given; null for one that is gone or hidden from you.",
  })
  inputs(@Root() job: Job): DatasetRef[] {
    return job.inputDatasetIds.map(toRef);
  }

  @FieldResolver(() => [DatasetRef], {
    nullable: "items",
    description: "Datasets registered from the job's declared outputs once it completed.",
  })
  outputs(@Root() job: Job): DatasetRef[] {
    return job.outputDatasetIds.map(toRef);
  }

  @FieldResolver(() => SiteRef, {
    nullable: true,
    description: "Where the job was placed; null before placement.",
  })
  site(@Root() job: Job): SiteRef | null {
    return job.siteId ? { id: job.siteId } : null;
  }

  @FieldResolver(() => [JobEvent], { description: "What happened to the job, oldest first (append-only)." })
  events(@Root() job: Job, @Ctx() ctx: Context) {
    return ctx.loaders.eventsByJob.load(job.id);
  }

  @FieldResolver(() => LogTail, { nullable: true, description: "The end of the job's standard output." })
  stdout(@Root() job: Job, @Ctx() ctx: Context) {
    return tail(ctx, job, "stdout");
  }

  @FieldResolver(() => LogTail, { nullable: true, description: "The end of the job's standard error." })
  stderr(@Root() job: Job, @Ctx() ctx: Context) {
    return tail(ctx, job, "stderr");
  }

  @FieldResolver(() => String, {
    description: "Server-sent events of this job at the gateway, with your rights: GET it with your token.",
  })
  eventsPath(@Root() job: Job): string {
    return `/jobs/${encodeURIComponent(job.id)}/events`;
  }

  @FieldResolver(() => JobCollection, {
    nullable: true,
    description: "The collection the job was submitted in.",
  })
  collection(@Root() job: Job, @Ctx() ctx: Context) {
    return job.collectionId ? ctx.em.findOne(JobCollection, { id: job.collectionId }) : null;
  }
}

@Resolver(() => JobCollection)
export class JobCollectionResolver {
  @Query(() => JobCollection, {
    nullable: true,
    description: "A job collection with at least one job you can see.",
  })
  async jobCollection(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    const visible = await service(ctx).list({ collectionId: id }, toPage({ first: 1 }));
    return visible.totalCount ? ctx.em.findOne(JobCollection, { id }) : null;
  }

  @FieldResolver(() => JobConnection)
  jobs(@Root() collection: JobCollection, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return service(ctx).list({ collectionId: collection.id }, toPage(args));
  }

  @FieldResolver(() => [JobStatusCount], {
    description: "How many of its jobs (that you can see) have each status.",
  })
  async summary(@Root() collection: JobCollection, @Ctx() ctx: Context): Promise<JobStatusCount[]> {
    return service(ctx).countByStatus(collection.id);
  }

  @FieldResolver(() => String, { description: "Server-sent events of all its jobs at the gateway." })
  eventsPath(@Root() collection: JobCollection): string {
    return `/job-collections/${encodeURIComponent(collection.id)}/events`;
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

  @FieldResolver(() => Job, {
    nullable: true,
    description: "The job whose output this dataset is; null when it was not made by a job you can see.",
  })
  producedBy(@Root() dataset: DatasetRef, @Ctx() ctx: Context) {
    return ctx.loaders.jobByOutputDataset.load(dataset.ref);
  }
}
