import { Migration } from "@mikro-orm/migrations";

export class Migration20261202055150 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "harvest_run" ("id" uuid not null, "source_id" uuid not null, "site_id" text not null, "started_at" timestamptz not null, "duration_ms" int not null, "outcome" text not null, "created" int not null default 0, "updated" int not null default 0, "unchanged" int not null default 0, "removed" int not null default 0, "warnings" text[] not null, "error" text null, constraint "harvest_run_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "harvest_run_source_index" on "harvest_run" ("source_id", "started_at");`);

    this.addSql(
      `create table "harvest_source" ("id" uuid not null, "site_id" text not null, "url" text not null, "format" text not null, "base" text null, "interval_seconds" int not null, "enabled" boolean not null default true, "next_run_at" timestamptz not null, "created_by" text not null, "created_at" timestamptz not null, constraint "harvest_source_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "harvest_source_next_run_index" on "harvest_source" ("next_run_at");`);
    this.addSql(
      `alter table "harvest_source" add constraint "harvest_source_site_url_unique" unique ("site_id", "url");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "harvest_run" cascade;`);

    this.addSql(`drop table if exists "harvest_source" cascade;`);
  }
}
