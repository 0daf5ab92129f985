import type { EntityManager } from "@mikro-orm/postgresql";
import { buildFederatedSchema, type Access, type SubgraphDefinition } from "@gridgraph/kit";
import { entities } from "./entities";
import { datasetReferences } from "./graphql/dataset.reference";
import { DatasetResolver } from "./graphql/dataset.resolver";
import { ReplicaResolver } from "./graphql/replica.resolver";
import { SiteReplicasResolver } from "./graphql/site.resolver";
import { createLoaders, type DatasetLoaders } from "./loaders";
import { migrations } from "./migrations";

export const datasetsSubgraph: SubgraphDefinition<DatasetLoaders> = {
  name: "datasets",
  entities,
  migrations,
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [DatasetResolver, ReplicaResolver, SiteReplicasResolver],
      referenceResolvers: datasetReferences as never,
    }),
  createLoaders: (em: EntityManager, access: Access) => createLoaders(em, access),
};
