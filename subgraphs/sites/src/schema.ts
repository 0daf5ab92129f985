import type { EntityManager } from "@mikro-orm/postgresql";
import {
  buildFederatedSchema,
  gatewayClientFromEnv,
  type Access,
  type GatewayClient,
  type SubgraphDefinition,
} from "@gridgraph/kit";
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
  // Harvests on a schedule; and the gateway on callers' behalf (a JDL's InputData, decision 0015).
  background: (services) => {
    const harvests = startHarvestScheduler(services);
    const given = (services.settings as { gateway?: GatewayClient } | undefined)?.gateway;
    return { stop: harvests.stop, runtime: { gateway: given ?? gatewayClientFromEnv("sites") } };
  },
};
