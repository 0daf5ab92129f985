import "reflect-metadata";
import { runSubgraphMain } from "../../kit/src/main";
import { seedSites } from "../../../seeds/load";
import { sitesSubgraph } from "./schema";

void runSubgraphMain(sitesSubgraph, { seed: seedSites });
