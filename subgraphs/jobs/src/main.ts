import "reflect-metadata";
import { runSubgraphMain } from "../../kit/src/main";
import { seedJobs } from "../../../seeds/load";
import { jobsSubgraph } from "./schema";

void runSubgraphMain(jobsSubgraph, { seed: seedJobs });
