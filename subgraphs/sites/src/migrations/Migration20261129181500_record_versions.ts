import { Migration } from "@mikro-orm/migrations";

/**
 * Every editable part of a site record gets a version (updates name the version they were
 * based on; a stale one is a CONFLICT), queues get DIRAC-style required tags and endpoints
 * their GLUE2 capabilities. Application environments stay immutable (name + version is what
 * they are), so they need no record version.
 */
export class Migration20261129181500_record_versions extends Migration {
  override async up(): Promise<void> {
    for (const table of ["compute_endpoint", "execution_environment", "storage_endpoint", "downtime"]) {
      this.addSql(`alter table "${table}" add column "version" int not null default 1;`);
    }
    this.addSql(`alter table "compute_share" add column "required_tags" text[] not null default '{}';`);
    this.addSql(`alter table "compute_endpoint" add column "capabilities" text[] not null default '{}';`);
  }
}
