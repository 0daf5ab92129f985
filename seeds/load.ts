import { seedDatasets } from "./datasets";
import { seedJobs } from "./jobs";
import { seedResearchObjects } from "./research-objects";
import { seedSites } from "./sites";

export type { SeedResult } from "./seed-result";
export { insertSites, seedSites } from "./sites";
export { seedDatasets, seedJobs, seedResearchObjects };

/** Every service's seed loader, for tools that seed all of them (npm run seed, the test stack). */
export const seedsByService = {
  sites: seedSites,
  datasets: seedDatasets,
  jobs: seedJobs,
  "research-objects": seedResearchObjects,
} as const;
