import { Migration } from "@mikro-orm/migrations";

export class Migration20261202165210 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "doi_record" ("doi" text not null, "state" text check ("state" in ('DRAFT', 'REGISTERED', 'FINDABLE')) not null, "url" text null, "attributes" jsonb null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "doi_record_pkey" primary key ("doi"));`,
    );

    this.addSql(
      `alter table "research_object" add column "doi_state" text check ("doi_state" in ('DRAFT', 'REGISTERED', 'FINDABLE')) null, add column "doi_problem" text null, add column "lineage_id" text null, add column "published_at" timestamptz null, add column "archived_at" timestamptz null, add column "frozen" jsonb null;`,
    );
    // Research objects made before versions existed: each its own lineage; a DOI they have was issued.
    this.addSql(
      `update "research_object" set "lineage_id" = "id", "doi_state" = case when "doi" is null then null else 'FINDABLE' end, "published_at" = case when "state" = 'LIVE' then null else "created_at" end;`,
    );
    this.addSql(`alter table "research_object" alter column "lineage_id" set not null;`);
    this.addSql(`create index "research_object_parent_id_index" on "research_object" ("parent_id");`);
    this.addSql(`create index "research_object_lineage_id_index" on "research_object" ("lineage_id");`);
    this.addSql(
      `create unique index "research_object_published_version_unique" on "research_object" ("lineage_id", "version") where "state" <> 'LIVE';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "doi_record" cascade;`);

    this.addSql(`drop index "research_object_parent_id_index";`);
    this.addSql(`drop index "research_object_lineage_id_index";`);
    this.addSql(`drop index "research_object_published_version_unique";`);
    this.addSql(
      `alter table "research_object" drop column "doi_state", drop column "doi_problem", drop column "lineage_id", drop column "published_at", drop column "archived_at", drop column "frozen";`,
    );
  }
}
