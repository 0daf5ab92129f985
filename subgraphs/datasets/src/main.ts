import "reflect-metadata";
import { runSubgraphMain } from "@gridgraph/kit";
import { seedDatasets } from "@gridgraph/seeds/datasets";
import { datasetsSubgraph } from "./schema";

void runSubgraphMain(datasetsSubgraph, { seed: seedDatasets });
