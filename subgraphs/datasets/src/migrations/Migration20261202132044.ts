import { Migration } from "@mikro-orm/migrations";

export class Migration20261202132044 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "data_request" ("id" uuid not null, "kind" text check ("kind" in ('STAGE', 'TRANSFER')) not null, "state" text check ("state" in ('SUBMITTED', 'ACTIVE', 'FINISHED', 'FINISHED_DIRTY', 'FAILED', 'CANCELED')) not null default 'SUBMITTED', "owner" text not null, "vo" text not null, "destination_site_id" text not null, "destination_storage_url" text not null, "bytes_total" bigint not null default 0, "max_attempts" int not null default 3, "created_at" timestamptz not null, "updated_at" timestamptz not null, "finished_at" timestamptz null, "event_count" int not null default 0, constraint "data_request_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "data_request_owner_created_at_index" on "data_request" ("owner", "created_at");`,
    );

    this.addSql(
      `create table "data_request_event" ("id" uuid not null, "request_id" uuid not null, "seq" int not null, "at" timestamptz not null, "file_id" uuid null, "dataset_id" text null, "state" text not null, "bytes_done" bigint null, "message" text not null, constraint "data_request_event_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "data_request_event_request_id_seq_index" on "data_request_event" ("request_id", "seq");`,
    );

    this.addSql(
      `create table "data_request_file" ("id" uuid not null, "request_id" uuid not null, "index" int not null, "dataset_id" text not null, "state" text check ("state" in ('SUBMITTED', 'STAGING', 'ACTIVE', 'FINISHED', 'FAILED', 'CANCELED')) not null default 'SUBMITTED', "source_replica_id" uuid null, "source_site_id" text null, "source_storage_url" text null, "source_path" text null, "destination_path" text not null, "bytes_total" bigint not null, "bytes_done" bigint not null default 0, "checksum_expected" text null, "checksum_actual" text null, "attempts" int not null default 0, "last_error" text null, "next_attempt_at" timestamptz null, "lease_until" timestamptz null, "replica_id" uuid null, "started_at" timestamptz null, "finished_at" timestamptz null, constraint "data_request_file_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "data_request_file_request_id_index" on "data_request_file" ("request_id");`);
    this.addSql(
      `create index "data_request_file_state_next_attempt_at_index" on "data_request_file" ("state", "next_attempt_at");`,
    );

    this.addSql(
      `create table "dataset_change" ("id" uuid not null, "dataset_id" text not null, "replica_id" uuid null, "action" text check ("action" in ('REGISTERED', 'UPDATED', 'DELETED', 'REPLICA_ADDED', 'REPLICA_UPDATED', 'REPLICA_DELETED')) not null, "actor" text not null, "at" timestamptz not null, "changes" jsonb not null, "reason" text null, constraint "dataset_change_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "dataset_change_dataset_id_at_index" on "dataset_change" ("dataset_id", "at");`,
    );

    this.addSql(
      `alter table "data_request_event" add constraint "data_request_event_request_id_foreign" foreign key ("request_id") references "data_request" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "data_request_file" add constraint "data_request_file_request_id_foreign" foreign key ("request_id") references "data_request" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "dataset" add column "updated_at" timestamptz not null default now(), add column "search_vector" tsvector generated always as (setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(observation_target, '') || ' ' || coalesce(observation_observation_id, '')), 'B') || setweight(to_tsvector('simple', coalesce(description, '')), 'C')) stored null;`,
    );
    this.addSql(`create index "dataset_search_vector_index" on "dataset" using gin("search_vector");`);
    this.addSql(`create index "dataset_created_at_index" on "dataset" ("created_at");`);
    this.addSql(`create index "dataset_size_bytes_index" on "dataset" ("size_bytes");`);
    this.addSql(
      `create index "dataset_observation_start_time_index" on "dataset" ("observation_start_time");`,
    );

    this.addSql(
      `alter table "replica" add column "size_bytes" bigint null, add column "checksum" text null, add column "updated_at" timestamptz not null default now();`,
    );
    this.addSql(
      `create index "replica_site_id_state_dataset_id_index" on "replica" ("site_id", "state", "dataset_id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "data_request_event" drop constraint "data_request_event_request_id_foreign";`);

    this.addSql(`alter table "data_request_file" drop constraint "data_request_file_request_id_foreign";`);

    this.addSql(`drop table if exists "data_request" cascade;`);

    this.addSql(`drop table if exists "data_request_event" cascade;`);

    this.addSql(`drop table if exists "data_request_file" cascade;`);

    this.addSql(`drop table if exists "dataset_change" cascade;`);

    this.addSql(`drop index "dataset_search_vector_index";`);
    this.addSql(`drop index "dataset_created_at_index";`);
    this.addSql(`drop index "dataset_size_bytes_index";`);
    this.addSql(`drop index "dataset_observation_start_time_index";`);
    this.addSql(`alter table "dataset" drop column "updated_at", drop column "search_vector";`);

    this.addSql(`drop index "replica_site_id_state_dataset_id_index";`);
    this.addSql(
      `alter table "replica" drop column "size_bytes", drop column "checksum", drop column "updated_at";`,
    );
  }
}
