import type { EntityManager } from "@mikro-orm/postgresql";
import { buildFederatedSchema, type Access, type SubgraphDefinition } from "@gridgraph/kit";
import { entities } from "./entities";
import { siteReference } from "./registry/graphql/site.reference";
import { CapabilitiesResolver } from "./capabilities/graphql/capabilities.resolver";
import { HarvestResolver, SiteHarvestResolver } from "./capabilities/graphql/harvest.resolver";
import { startHarvestScheduler } from "./capabilities/harvest-scheduler";
import { PlacementResolver } from "./placement/graphql/placement.resolver";
import { SiteAdminResolver } from "./registry/graphql/site-admin.resolver";
import { SiteChangeResolver, SiteResolver } from "./registry/graphql/site.resolver";
import { createLoaders, type SiteLoaders } from "./loaders";
import { migrations } from "./migrations";

export const sitesSubgraph: SubgraphDefinition<SiteLoaders> = {
  name: "sites",
  entities,
  migrations,
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [
        SiteResolver,
        SiteChangeResolver,
        SiteAdminResolver,
        PlacementResolver,
        CapabilitiesResolver,
        HarvestResolver,
        SiteHarvestResolver,
      ],
      referenceResolvers: siteReference as never,
    }),
  createLoaders: (em: EntityManager, access: Access) => createLoaders(em, access),
  background: startHarvestScheduler,
};
