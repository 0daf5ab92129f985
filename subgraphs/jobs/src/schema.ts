import type { EntityManager } from "@mikro-orm/postgresql";
import { buildFederatedSchema, type Access, type SubgraphDefinition } from "@gridgraph/kit";
import { entities } from "./entities";
import { jobReferences } from "./graphql/job.reference";
import {
  DatasetJobsResolver,
  JobCollectionResolver,
  JobResolver,
  SiteJobsResolver,
} from "./graphql/job.resolver";
import { createLoaders, type JobLoaders } from "./loaders";
import { migrations } from "./migrations";
import { startJobsRuntime } from "./runtime";
import { NotebookResolver } from "./notebooks/graphql/notebook.resolver";

export const jobsSubgraph: SubgraphDefinition<JobLoaders> = {
  name: "jobs",
  entities,
  migrations,
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [
        JobResolver,
        JobCollectionResolver,
        SiteJobsResolver,
        DatasetJobsResolver,
        NotebookResolver,
      ],
      referenceResolvers: jobReferences as never,
    }),
  createLoaders: (em: EntityManager, access: Access) => createLoaders(em, access),
  // The dispatcher: sends placed jobs to their backends and keeps every active job in step.
  background: (services) => startJobsRuntime(services),
};
