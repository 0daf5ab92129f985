import { openDatabase, type DatabaseLocation, type Logger } from "@gridgraph/kit";
import { entities } from "./entities";
import { migrations } from "./migrations";

/** The registry's own database: entities and migrations, like a subgraph's (decision 0013). */
export const registryDatabase = { name: "registry", entities, migrations };

export function openRegistryDatabase(location: DatabaseLocation, logger: Logger) {
  return openDatabase({ service: "registry", location, entities, migrations, logger });
}
