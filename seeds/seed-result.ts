/**
 * The seed loaders put seed data into each service's own database. Each service loads only
 * its own part, from its own module here (seeds/<service>.ts), which imports that service's
 * entities and nothing else; ids line up across services because they come from one
 * deterministic build of the data in seeds/data/.
 */
import { buildCatalogue } from "./data/catalogue";

/** What a seed loader did, for the log line of the service that ran it. */
export interface SeedResult {
  loaded: boolean;
  summary: string;
}

/** The seed catalogue (datasets, jobs, research objects), built once per process. */
let catalogue: ReturnType<typeof buildCatalogue> | undefined;
export const getCatalogue = () => (catalogue ??= buildCatalogue());
