import { ConfigReader } from "@gridgraph/kit";

/**
 * IMPORT_MAX_REMOVAL_SHARE (percent, default 50): an import that would remove more than this
 * share of a site's records of the kinds it replaces is refused unless it says allowRemovals. A
 * BDII that answers with half a dump (a provider that failed) must not empty the registry.
 */
const config = new ConfigReader("sites");
export const MAX_REMOVAL_SHARE =
  config.integer("IMPORT_MAX_REMOVAL_SHARE", 50, [0, 100], "a percentage") / 100;
config.done();
