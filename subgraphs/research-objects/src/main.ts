import "reflect-metadata";
import { runSubgraphMain } from "@gridgraph/kit";
import { seedResearchObjects } from "@gridgraph/seeds/research-objects";
import { researchObjectsSubgraph } from "./schema";

void runSubgraphMain(researchObjectsSubgraph, { seed: seedResearchObjects });
