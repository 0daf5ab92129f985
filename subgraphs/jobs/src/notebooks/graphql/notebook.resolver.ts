import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "@gridgraph/kit";
import { Job, JobCollection } from "../../entities";
import type { JobLoaders } from "../../loaders";
import type { JobsRuntime } from "../../runtime";
import { JobPayload, RunNotebookPayload } from "../../graphql/job.type";
import { NotebookService } from "../domain/notebook.service";
import { isSession, SessionService, sessionPath } from "../domain/session.service";
import { RunNotebookInput, StartNotebookSessionInput } from "./notebook.input";

type Context = SubgraphContext<JobLoaders>;

const sessions = (ctx: Context) =>
  new SessionService(ctx.em, ctx.access, ctx.runtime as JobsRuntime | undefined);

@Resolver(() => Job)
export class NotebookResolver {
  @Mutation(() => JobPayload, {
    description:
      "Starts an interactive Jupyter session as a job where placement puts it (its datasets first), the datasets in its working directory; open it at the gateway's `Job.notebookPath` (you only). It stops when you stop it, when idle too long, or at its wall time; what it wrote under outputs/ becomes datasets.",
  })
  async startNotebookSession(
    @Arg("input", () => StartNotebookSessionInput) input: StartNotebookSessionInput,
    @Ctx() ctx: Context,
  ) {
    return { job: await sessions(ctx).start(input) };
  }

  @Mutation(() => JobPayload, {
    description:
      "Stops your notebook session (its outputs are kept); stopping a stopped one changes nothing.",
  })
  async stopNotebookSession(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return { job: await sessions(ctx).stop(id) };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "For a notebook session: where its Jupyter server is, at the gateway (e.g. /notebooks/<id>/tree).",
  })
  notebookPath(@Root() job: Job): string | null {
    return isSession(job) ? sessionPath(job.id) : null;
  }

  @Mutation(() => RunNotebookPayload, {
    description:
      "Runs a Jupyter notebook headless (nbclient) as a job, or one job per dataset in a collection, placed where the data is; the executed notebook and what it writes under outputs/ become datasets derived from the inputs and the notebook. A failing cell is named in the job's events.",
  })
  async runNotebook(@Arg("input", () => RunNotebookInput) input: RunNotebookInput, @Ctx() ctx: Context) {
    const { jobs, collectionId } = await new NotebookService(
      ctx.em,
      ctx.access,
      ctx.runtime as JobsRuntime | undefined,
    ).run(input);
    const collection = collectionId ? await ctx.em.findOne(JobCollection, { id: collectionId }) : null;
    return { jobs, collection };
  }
}
