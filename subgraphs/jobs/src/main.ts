import "reflect-metadata";
import { runSubgraphMain } from "@gridgraph/kit";
import { seedJobs } from "@gridgraph/seeds/jobs";
import { jobsSubgraph } from "./schema";

void runSubgraphMain(jobsSubgraph, { seed: seedJobs });
