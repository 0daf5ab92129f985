import type { EntityManager } from "@mikro-orm/postgresql";
import { buildFederatedSchema, type Access, type SubgraphDefinition } from "@gridgraph/kit";
import { entities } from "./entities";
import { siteReference } from "./graphql/site.reference";
import { ImportResolver } from "./graphql/import.resolver";
import { PlacementResolver } from "./graphql/placement.resolver";
import { SiteAdminResolver } from "./graphql/site-admin.resolver";
import { SiteResolver } from "./graphql/site.resolver";
import { createLoaders, type SiteLoaders } from "./loaders";
import { migrations } from "./migrations";

export const sitesSubgraph: SubgraphDefinition<SiteLoaders> = {
  name: "sites",
  entities,
  migrations,
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [SiteResolver, SiteAdminResolver, PlacementResolver, ImportResolver],
      referenceResolvers: siteReference as never,
    }),
  createLoaders: (em: EntityManager, access: Access) => createLoaders(em, access),
};
