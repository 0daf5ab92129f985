import { refStub, type SubgraphContext } from "@gridgraph/kit";
import type { ResearchObjectLoaders } from "../loaders";

/** Datasets and jobs are referred to by their hidden `ref` key (see the kit's references.ts). */
export const researchObjectReferences = {
  ResearchObject: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext<ResearchObjectLoaders>) =>
      ctx.loaders.researchObjectById.load(ref.id),
  },
  Dataset: { __resolveReference: refStub },
  Job: { __resolveReference: refStub },
  Site: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};
