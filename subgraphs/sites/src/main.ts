import "reflect-metadata";
import { runSubgraphMain } from "@gridgraph/kit";
import { seedSites } from "@gridgraph/seeds/sites";
import { sitesSubgraph } from "./schema";

void runSubgraphMain(sitesSubgraph, { seed: seedSites });
