import { Migration } from "@mikro-orm/migrations";

/**
 * Indexes for `sites(filter: ...)` at registry scale (10,000 sites): each capability filter is
 * an EXISTS sub-query on the site's rows, answered from an index led by the filtered value.
 */
export class Migration20261129190000_filter_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "compute_endpoint_interface_name_site_id_index" on "compute_endpoint" ("interface_name", "site_id");`,
    );
    this.addSql(
      `create index "execution_environment_platform_site_id_index" on "execution_environment" ("platform", "site_id");`,
    );
    this.addSql(
      `create index "execution_environment_gpu_site_id_index" on "execution_environment" ("site_id") where "gpu_count" > 0;`,
    );
    this.addSql(
      `create index "application_environment_lower_name_site_id_index" on "application_environment" (lower("name"), "site_id");`,
    );
    this.addSql(`create index "site_country_index" on "site" ("country");`);
    this.addSql(`create index "site_ngi_index" on "site" ("ngi");`);
  }
}
