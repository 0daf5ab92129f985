import { idOf, refStub, type SubgraphContext } from "@gridgraph/kit";
import type { JobLoaders } from "../loaders";
import { JobCollection as JobCollectionEntity } from "../entities";

const keyOnly = (ref: { id: string }) => ({ id: ref.id });

export const jobReferences = {
  Job: {
    // By `id` (from the gateway) or by the hidden `ref` other subgraphs use.
    __resolveReference: (ref: { id?: string; ref?: string }, ctx: SubgraphContext<JobLoaders>) =>
      ctx.loaders.jobById.load(idOf(ref)),
  },
  Site: { __resolveReference: keyOnly },
  JobCollection: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext<JobLoaders>) =>
      ctx.em.findOne(JobCollectionEntity, { id: ref.id }),
  },
  Dataset: { __resolveReference: refStub },
};
