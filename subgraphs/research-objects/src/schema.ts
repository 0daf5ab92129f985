import type { EntityManager } from "@mikro-orm/postgresql";
import {
  buildFederatedSchema,
  gatewayClientFromEnv,
  type Access,
  type GatewayClient,
  type SubgraphDefinition,
} from "@gridgraph/kit";
import { entities } from "./entities";
import { researchObjectReferences } from "./graphql/research-object.reference";
import {
  DatasetResearchObjectsResolver,
  JobResearchObjectsResolver,
  ResearchObjectResolver,
} from "./graphql/research-object.resolver";
import { createLoaders, type ResearchObjectLoaders } from "./loaders";
import { migrations } from "./migrations";

export const researchObjectsSubgraph: SubgraphDefinition<ResearchObjectLoaders> = {
  name: "research-objects",
  entities,
  migrations,
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [ResearchObjectResolver, DatasetResearchObjectsResolver, JobResearchObjectsResolver],
      referenceResolvers: researchObjectReferences as never,
    }),
  createLoaders: (em: EntityManager, access: Access) => createLoaders(em, access),
  // No work of its own: the runtime is the way to the graph that checks items as the caller.
  background: (services) => {
    const given = (services.settings as { gateway?: GatewayClient } | undefined)?.gateway;
    return { stop: async () => {}, runtime: { gateway: given ?? gatewayClientFromEnv("research-objects") } };
  },
};
