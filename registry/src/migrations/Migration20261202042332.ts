import { Migration } from "@mikro-orm/migrations";

export class Migration20261202042332 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "live_subgraph" ("name" text not null, "subgraph_version" int not null, constraint "live_subgraph_pkey" primary key ("name"));`,
    );

    this.addSql(
      `create table "operation_usage" ("day" date not null, "client_name" text not null, "operation_name" text not null, "coordinate" text not null, "count" bigint not null, constraint "operation_usage_pkey" primary key ("day", "client_name", "operation_name", "coordinate"));`,
    );
    this.addSql(
      `create index "operation_usage_coordinate_index" on "operation_usage" ("coordinate", "day");`,
    );

    this.addSql(
      `create table "subgraph_version" ("id" serial primary key, "name" text not null, "url" text not null, "sdl" text not null, "sdl_hash" text not null, "published_by" text not null, "published_at" timestamptz not null, "approved_by" text null, "approval_reason" text null, "checks" jsonb null);`,
    );
    this.addSql(`create index "subgraph_version_name_index" on "subgraph_version" ("name", "id");`);

    this.addSql(
      `create table "supergraph_version" ("version" serial primary key, "supergraph_id" text not null, "sdl" text not null, "subgraph_versions" jsonb not null, "reason" text not null, "created_by" text not null, "composed_at" timestamptz not null);`,
    );
  }
}
