import { Migration } from "@mikro-orm/migrations";

export class Migration20261128201053 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "research_object" ("id" text not null, "title" text not null, "description" text null, "creators" jsonb not null, "keywords" text[] not null, "licence" text null, "state" text check ("state" in ('LIVE', 'SNAPSHOT', 'ARCHIVED')) not null default 'LIVE', "version" int not null default 1, "doi" text null, "parent_id" text null, "owner" text not null, "vo" text not null, "co_editors" text[] not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "research_object_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "research_object" add constraint "research_object_doi_unique" unique ("doi");`);
    this.addSql(`create index "research_object_owner_index" on "research_object" ("owner");`);

    this.addSql(
      `create table "research_object_item" ("id" uuid not null, "research_object_id" text not null, "kind" text check ("kind" in ('DATASET', 'JOB', 'EXTERNAL')) not null, "target_id" text not null, "title" text null, "resource_type" text check ("resource_type" in ('PAPER', 'CODE', 'NOTEBOOK', 'WORKFLOW', 'CONTAINER', 'OTHER')) null, "added_at" timestamptz not null, constraint "research_object_item_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "research_object_item_research_object_id_index" on "research_object_item" ("research_object_id");`,
    );
    this.addSql(
      `create index "research_object_item_target_id_index" on "research_object_item" ("target_id");`,
    );
    this.addSql(
      `alter table "research_object_item" add constraint "research_object_item_research_object_id_kind_target_id_unique" unique ("research_object_id", "kind", "target_id");`,
    );

    this.addSql(
      `alter table "research_object_item" add constraint "research_object_item_research_object_id_foreign" foreign key ("research_object_id") references "research_object" ("id") on update cascade on delete cascade;`,
    );
  }
}
