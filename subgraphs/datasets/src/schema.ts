import type { EntityManager } from "@mikro-orm/postgresql";
import { buildFederatedSchema, type Access, type SubgraphDefinition } from "@gridgraph/kit";
import { entities } from "./entities";
import { datasetReferences } from "./graphql/dataset.reference";
import { DataRequestFileResolver, DataRequestResolver } from "./graphql/data-request.resolver";
import { DatasetChangeResolver, DatasetResolver } from "./graphql/dataset.resolver";
import { ReplicaResolver } from "./graphql/replica.resolver";
import { SiteReplicasResolver } from "./graphql/site.resolver";
import { createLoaders, type DatasetLoaders } from "./loaders";
import { migrations } from "./migrations";
import { startDatasetsRuntime } from "./runtime";

export const datasetsSubgraph: SubgraphDefinition<DatasetLoaders> = {
  name: "datasets",
  entities,
  migrations,
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [
        DatasetResolver,
        DatasetChangeResolver,
        ReplicaResolver,
        SiteReplicasResolver,
        DataRequestResolver,
        DataRequestFileResolver,
      ],
      referenceResolvers: datasetReferences as never,
    }),
  createLoaders: (em: EntityManager, access: Access) => createLoaders(em, access),
  // The data mover: stages and copies the data requests' files and registers the new replicas.
  background: (services) => startDatasetsRuntime(services),
};
