import type { SubgraphContext } from "@gridgraph/kit";
import type { ResearchObjectLoaders } from "../loaders";

const keyOnly = (ref: { id: string }) => ({ id: ref.id });

export const researchObjectReferences = {
  ResearchObject: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext<ResearchObjectLoaders>) =>
      ctx.loaders.researchObjectById.load(ref.id),
  },
  Dataset: { __resolveReference: keyOnly },
  Job: { __resolveReference: keyOnly },
};
