import { datasetsSubgraph } from "../subgraphs/datasets/src/schema";
import { jobsSubgraph } from "../subgraphs/jobs/src/schema";
import { researchObjectsSubgraph } from "../subgraphs/research-objects/src/schema";
import { sitesSubgraph } from "../subgraphs/sites/src/schema";
import type { SubgraphDefinition } from "@gridgraph/kit";

/** Every subgraph definition, for tools that work on all of them (schema, migrations, tests). */
export const subgraphs: SubgraphDefinition<unknown>[] = [
  sitesSubgraph,
  datasetsSubgraph,
  jobsSubgraph,
  researchObjectsSubgraph,
];
