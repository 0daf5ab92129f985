// Every migration of this subgraph, in order (scripts/migration-create.ts regenerates this list).
import { Migration20261128200818 } from "./Migration20261128200818";
import { Migration20261128211000_registry_generation } from "./Migration20261128211000_registry_generation";
import { Migration20261128213000_site_history } from "./Migration20261128213000_site_history";
import { Migration20261128214500_downtime_external_id } from "./Migration20261128214500_downtime_external_id";
import { Migration20261129181500_record_versions } from "./Migration20261129181500_record_versions";
import { Migration20261129190000_filter_indexes } from "./Migration20261129190000_filter_indexes";
import { Migration20261129193000_natural_keys } from "./Migration20261129193000_natural_keys";

export const migrations = [
  { name: "Migration20261128200818", class: Migration20261128200818 },
  { name: "Migration20261128211000_registry_generation", class: Migration20261128211000_registry_generation },
  { name: "Migration20261128213000_site_history", class: Migration20261128213000_site_history },
  {
    name: "Migration20261128214500_downtime_external_id",
    class: Migration20261128214500_downtime_external_id,
  },
  { name: "Migration20261129181500_record_versions", class: Migration20261129181500_record_versions },
  { name: "Migration20261129190000_filter_indexes", class: Migration20261129190000_filter_indexes },
  { name: "Migration20261129193000_natural_keys", class: Migration20261129193000_natural_keys },
];
