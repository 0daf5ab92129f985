import { Migration } from "@mikro-orm/migrations";

/**
 * `registry_state.generation` counts changes to the capability registry: a statement trigger
 * on every capability table bumps it, whoever writes (services, seeds, imports, psql).
 * Placement keeps an in-memory snapshot and rebuilds it only when this number moved.
 */
export class Migration20261128211000_registry_generation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "registry_state" ("id" int primary key, "generation" bigint not null default 0);`,
    );
    this.addSql(`insert into "registry_state" ("id", "generation") values (1, 0);`);
    this.addSql(`create function "bump_registry_generation"() returns trigger language plpgsql as $$
      begin
        update "registry_state" set "generation" = "generation" + 1 where "id" = 1;
        return null;
      end $$;`);
    for (const table of [
      "site",
      "compute_endpoint",
      "compute_share",
      "execution_environment",
      "application_environment",
      "storage_endpoint",
      "downtime",
    ]) {
      this.addSql(
        `create trigger "${table}_bumps_generation" after insert or update or delete or truncate on "${table}" for each statement execute function "bump_registry_generation"();`,
      );
    }
    // Placement and filtering read these columns at registry scale (10,000 sites).
    this.addSql(`create index "site_supported_vos_gin" on "site" using gin ("supported_vos");`);
    this.addSql(`create index "compute_share_vos_gin" on "compute_share" using gin ("vos");`);
    this.addSql(`create index "downtime_ends_at_index" on "downtime" ("ends_at");`);
  }
}
