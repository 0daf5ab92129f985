import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { GatewayClient, SubgraphContext } from "@gridgraph/kit";
import type { PlacementResult } from "../domain/evaluate";
import { Site } from "../../entities";
import { configuredDiracSites } from "../domain/dirac-sites";
import { sitesHoldingInputData } from "../domain/input-data";
import { jdlToRequirements } from "../domain/jdl";
import { PlacementService } from "../domain/placement.service";
import type { SiteLoaders } from "../../loaders";
import { JobRequirementsInput } from "./placement.input";
import { JdlPlacement, Placement } from "./placement.type";

const ranked = (result: PlacementResult) => ({
  ...result,
  candidates: result.candidates.map((c, i) => ({ ...c, rank: i + 1 })),
});

@Resolver()
export class PlacementResolver {
  @Query(() => Placement, {
    description: "Where a job with these requirements can run, best first, and why not elsewhere.",
  })
  async placement(
    @Arg("requirements", () => JobRequirementsInput) requirements: JobRequirementsInput,
    @Arg("first", () => Int, { defaultValue: 10, description: "How many candidates (1..500)." })
    first: number,
    @Ctx() ctx: SubgraphContext<SiteLoaders>,
  ) {
    return ranked(await new PlacementService(ctx.em).place(requirements, first));
  }

  @Query(() => JdlPlacement, {
    description: "Places a DIRAC JDL: its requirements as read, warnings, and the placement.",
  })
  async placementForJdl(
    @Arg("jdl", () => String) jdl: string,
    @Arg("vo", () => String, {
      nullable: true,
      description: "VO the job runs as, unless the JDL says (VirtualOrganization).",
    })
    vo: string | null,
    @Arg("first", () => Int, { defaultValue: 10 }) first: number,
    @Ctx() ctx: SubgraphContext<SiteLoaders>,
  ) {
    const job = jdlToRequirements(jdl, vo, configuredDiracSites());
    const runtime = ctx.runtime as { gateway?: GatewayClient } | undefined;
    const holding = await sitesHoldingInputData(
      runtime?.gateway,
      ctx.access.viewer,
      job.inputData,
      job.warnings,
    );
    if (holding.length)
      job.requirements.dataSites = [...new Set([...(job.requirements.dataSites ?? []), ...holding])];
    const placement = ranked(await new PlacementService(ctx.em).place(job.requirements, first));
    const r = job.requirements;
    // A site the JDL names that the registry does not have would silently match nothing.
    const named = [...(r.allowedSites ?? []), ...(r.bannedSites ?? [])];
    if (named.length) {
      const known = new Set(
        (await ctx.em.find(Site, { id: { $in: named } }, { fields: ["id"] })).map((s) => s.id),
      );
      for (const id of new Set(named))
        if (!known.has(id))
          job.warnings.push(`The JDL names site '${id}', which the registry does not have.`);
    }
    return {
      ...job,
      requirements: {
        vo: r.vo,
        cores: r.cores ?? null,
        memoryMb: r.memoryMb ?? null,
        gpus: r.gpus ?? 0,
        cpuTimeSeconds: r.cpuTimeSeconds ?? null,
        cpuWorkHs06Seconds: r.cpuWorkHs06Seconds ?? null,
        platform: r.platform ?? null,
        tags: r.tags ?? [],
        allowedSites: r.allowedSites ?? null,
        bannedSites: r.bannedSites ?? [],
        computeEndpoints: r.computeEndpoints ?? [],
        dataSites: r.dataSites ?? [],
      },
      placement,
    };
  }
}
