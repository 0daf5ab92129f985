import type { SubgraphContext } from "@gridgraph/kit";
import type { ResearchObjectLoaders } from "../loaders";

const refOnly = (ref: { ref: string }) => ({ ref: ref.ref });

/** Datasets and jobs are referred to by their hidden `ref` key (see the kit's references.ts). */
export const researchObjectReferences = {
  ResearchObject: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext<ResearchObjectLoaders>) =>
      ctx.loaders.researchObjectById.load(ref.id),
  },
  Dataset: { __resolveReference: refOnly },
  Job: { __resolveReference: refOnly },
};
