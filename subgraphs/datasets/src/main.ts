import "reflect-metadata";
import { runSubgraphMain } from "../../kit/src/main";
import { seedDatasets } from "../../../seeds/load";
import { datasetsSubgraph } from "./schema";

void runSubgraphMain(datasetsSubgraph, { seed: seedDatasets });
