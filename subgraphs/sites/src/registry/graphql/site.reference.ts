import type { SubgraphContext } from "@gridgraph/kit";
import type { SiteLoaders } from "../../loaders";

/** `_entities` for Site: batched through the per-request loader (one query per request). */
export const siteReference = {
  Site: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext<SiteLoaders>) =>
      ctx.loaders.siteById.load(ref.id),
  },
};
