import type { SubgraphContext } from "@gridgraph/kit";
import type { DatasetLoaders } from "../loaders";

type Context = SubgraphContext<DatasetLoaders>;

export const datasetReferences = {
  Dataset: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.datasetById.load(ref.id),
  },
  /** Site is owned by the sites subgraph; here it is only the key that `replicas` hangs on. */
  Site: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  },
};
