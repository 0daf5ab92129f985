import type { EntityManager } from "@mikro-orm/postgresql";
import { buildFederatedSchema, type Access, type SubgraphDefinition } from "@gridgraph/kit";
import { entities } from "./entities";
import { researchObjectReferences } from "./graphql/research-object.reference";
import {
  DatasetResearchObjectsResolver,
  JobResearchObjectsResolver,
  ResearchObjectResolver,
} from "./graphql/research-object.resolver";
import { createLoaders, type ResearchObjectLoaders } from "./loaders";
import { migrations } from "./migrations";
import { startResearchObjectsRuntime } from "./runtime";

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
  // The runtime: the way to the graph as the caller, the DOI minter, landing pages (/ro/<id>).
  background: (services) => startResearchObjectsRuntime(services),
};
