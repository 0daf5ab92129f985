import { Migration } from "@mikro-orm/migrations";

/**
 * Natural keys unique within a site, in the database: the admin service checks them with a
 * message, but two administrators adding the same queue at the same moment both pass that
 * check; the second insert now fails (and is answered with CONFLICT) instead of duplicating.
 */
export class Migration20261129193000_natural_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create unique index "compute_endpoint_site_url_unique" on "compute_endpoint" ("site_id", "url");`,
    );
    this.addSql(
      `create unique index "compute_share_site_name_unique" on "compute_share" ("site_id", "name");`,
    );
    this.addSql(
      `create unique index "storage_endpoint_site_url_unique" on "storage_endpoint" ("site_id", "url");`,
    );
    this.addSql(
      `create unique index "application_environment_site_name_version_unique" on "application_environment" ("site_id", "name", coalesce("version", ''));`,
    );
  }
}
