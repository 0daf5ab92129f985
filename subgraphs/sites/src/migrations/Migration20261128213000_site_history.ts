import { Migration } from "@mikro-orm/migrations";

/** Change history of site records, and versions on queues for optimistic concurrency. */
export class Migration20261128213000_site_history extends Migration {
  override async up(): Promise<void> {
    this
      .addSql(`create table "site_change" ("id" uuid not null, "site_id" text not null, "at" timestamptz not null,
      "actor" text not null, "entity_type" text not null, "entity_id" text not null, "action" text not null,
      "changes" jsonb not null, constraint "site_change_pkey" primary key ("id"));`);
    this.addSql(`create index "site_change_site_id_id_index" on "site_change" ("site_id", "id");`);
    this.addSql(`alter table "compute_share" add column "version" int not null default 1;`);
  }
}
