import type { SubgraphContext } from "@gridgraph/kit";
import type { JobLoaders } from "../loaders";

const keyOnly = (ref: { id: string }) => ({ id: ref.id });

export const jobReferences = {
  Job: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext<JobLoaders>) =>
      ctx.loaders.jobById.load(ref.id),
  },
  Site: { __resolveReference: keyOnly },
  Dataset: { __resolveReference: keyOnly },
};
