import "reflect-metadata";
import { runSubgraphMain } from "../../kit/src/main";
import { seedResearchObjects } from "../../../seeds/load";
import { researchObjectsSubgraph } from "./schema";

void runSubgraphMain(researchObjectsSubgraph, { seed: seedResearchObjects });
