import { Migration } from "@mikro-orm/migrations";

export class Migration20261128200922 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "dataset" ("id" text not null, "lfn" text not null, "title" text not null, "description" text null, "community" text check ("community" in ('LOFAR', 'NENUFAR', 'EISCAT', 'PROCESS')) not null, "instrument" text not null, "level" text check ("level" in ('L0', 'L1', 'L2', 'L3', 'L4')) not null, "product_type" text not null, "format" text not null, "size_bytes" bigint not null default 0, "file_count" int not null default 1, "checksum" text null, "observation_observation_id" text null, "observation_target" text null, "observation_start_time" timestamptz null, "observation_end_time" timestamptz null, "observation_frequency_min_mhz" double precision null, "observation_frequency_max_mhz" double precision null, "observation_antenna_set" text null, "access" text check ("access" in ('PUBLIC', 'VO', 'PRIVATE')) not null default 'VO', "embargo_until" timestamptz null, "owner" text not null, "vo" text not null, "derived_from_ids" text[] not null, "created_at" timestamptz not null, constraint "dataset_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "dataset" add constraint "dataset_lfn_unique" unique ("lfn");`);
    this.addSql(`create index "dataset_community_level_index" on "dataset" ("community", "level");`);

    this.addSql(
      `create table "replica" ("id" uuid not null, "dataset_id" text not null, "site_id" text not null, "storage_url" text not null, "path" text not null, "state" text check ("state" in ('ONLINE', 'NEARLINE', 'STAGING', 'LOST')) not null default 'ONLINE', "created_at" timestamptz not null, constraint "replica_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "replica_dataset_id_index" on "replica" ("dataset_id");`);
    this.addSql(`create index "replica_site_id_index" on "replica" ("site_id");`);

    this.addSql(
      `alter table "replica" add constraint "replica_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on update cascade on delete cascade;`,
    );
  }
}
