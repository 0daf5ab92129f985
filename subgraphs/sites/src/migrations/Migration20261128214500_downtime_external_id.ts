import { Migration } from "@mikro-orm/migrations";

/** GOCDB downtime ids, so importing GOCDB's XML again updates rather than duplicates. */
export class Migration20261128214500_downtime_external_id extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "downtime" add column "external_id" text null;`);
    this.addSql(
      `create unique index "downtime_site_external_id_unique" on "downtime" ("site_id", "external_id");`,
    );
  }
}
