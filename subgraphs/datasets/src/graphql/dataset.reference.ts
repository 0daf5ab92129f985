import { idOf, type SubgraphContext } from "@gridgraph/kit";
import type { DatasetLoaders } from "../loaders";

type Context = SubgraphContext<DatasetLoaders>;

export const datasetReferences = {
  Dataset: {
    // By `id` (from the gateway) or by the hidden `ref` other subgraphs use.
    __resolveReference: (ref: { id?: string; ref?: string }, ctx: Context) =>
      ctx.loaders.datasetById.load(idOf(ref)),
  },
  /** Site is owned by the sites subgraph; here it is only the key that `replicas` hangs on. */
  Site: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  },
};
