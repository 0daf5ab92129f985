import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { SubgraphContext } from "../../../kit/src";
import { PlacementService } from "../domain/placement/placement.service";
import type { SiteLoaders } from "../loaders";
import { JobRequirementsInput } from "./placement.input";
import { Placement } from "./placement.type";

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
    const result = await new PlacementService(ctx.em).place(requirements, first);
    return { ...result, candidates: result.candidates.map((c, i) => ({ ...c, rank: i + 1 })) };
  }
}
