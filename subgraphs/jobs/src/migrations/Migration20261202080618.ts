import { Migration } from "@mikro-orm/migrations";

export class Migration20261202080618 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "job_collection" ("id" text not null, "name" text not null, "owner" text not null, "vo" text not null, "created_at" timestamptz not null, constraint "job_collection_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "job_collection_owner_index" on "job_collection" ("owner");`);
    this.addSql(`create index "job_collection_vo_index" on "job_collection" ("vo");`);

    this.addSql(`alter table "job" drop constraint if exists "job_status_check";`);

    this.addSql(`alter table "job_event" drop constraint if exists "job_event_status_check";`);

    // MATCHED is gone: a placed job that has not reached a backend is SUBMITTED.
    this.addSql(`update "job" set "status" = 'SUBMITTED' where "status" = 'MATCHED';`);
    this.addSql(`update "job_event" set "status" = 'SUBMITTED' where "status" = 'MATCHED';`);

    this.addSql(
      `alter table "job" add column "endpoint_url" text null, add column "endpoint_interface" text null, add column "input_replicas" jsonb null, add column "placement_score" double precision null, add column "placement_reasons" jsonb not null default '[]', add column "native_state" text null, add column "status_reason" text null, add column "account" text null, add column "idempotency_key" text null, add column "reschedules" int not null default 0, add column "excluded_endpoints" text[] not null default '{}', add column "output_patterns" text[] not null default '{}', add column "output_dataset_ids" text[] not null default '{}', add column "outputs_state" text null, add column "environment" jsonb not null default '{}', add column "owner_entitlements" text[] not null default '{}', add column "managed" boolean not null default false, add column "attempt" int not null default 0, add column "dispatch_lease_until" timestamptz null, add column "dispatch_claims" int not null default 0, add column "work_dir" text null, add column "pending_action" text check ("pending_action" in ('CANCEL', 'HOLD', 'RELEASE')) null, add column "unreachable_since" timestamptz null, add column "event_count" int not null default 0, add column "collection_id" text null, add column "started_at" timestamptz null, add column "finished_at" timestamptz null;`,
    );
    // The defaults only filled the existing rows; the entities give every new row its value.
    for (const column of [
      "placement_reasons",
      "excluded_endpoints",
      "output_patterns",
      "output_dataset_ids",
      "environment",
      "owner_entitlements",
    ])
      this.addSql(`alter table "job" alter column "${column}" drop default;`);
    this.addSql(
      `alter table "job" add constraint "job_status_check" check("status" in ('SUBMITTED', 'STAGING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'HELD'));`,
    );
    this.addSql(`create index "job_collection_id_index" on "job" ("collection_id");`);
    this.addSql(
      `create index "job_active_index" on "job" ("status", "id") where "managed" and "status" not in ('COMPLETED', 'FAILED', 'CANCELLED');`,
    );
    this.addSql(`create index "job_output_dataset_ids_gin" on "job" using gin ("output_dataset_ids");`);
    this.addSql(
      `alter table "job" add constraint "job_owner_idempotency_key_unique" unique ("owner", "idempotency_key");`,
    );

    this.addSql(
      `alter table "job_event" add column "seq" int not null default 0, add column "native_state" text null, add column "source" text not null default 'gridgraph';`,
    );
    this.addSql(
      `alter table "job_event" add constraint "job_event_status_check" check("status" in ('SUBMITTED', 'STAGING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'HELD'));`,
    );
    this.addSql(`create index "job_event_job_id_seq_index" on "job_event" ("job_id", "seq");`);
    // Events recorded before numbering: numbered in the order they happened.
    this.addSql(
      `update "job_event" e set "seq" = n.rn from (select "id", row_number() over (partition by "job_id" order by "at", "id") as rn from "job_event") n where e."id" = n."id";`,
    );
    this.addSql(
      `update "job" j set "event_count" = c.n from (select "job_id", count(*) as n from "job_event" group by "job_id") c where j."id" = c."job_id";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "job_collection" cascade;`);

    this.addSql(`alter table "job" drop constraint if exists "job_status_check";`);

    this.addSql(`alter table "job_event" drop constraint if exists "job_event_status_check";`);

    this.addSql(`drop index "job_collection_id_index";`);
    this.addSql(`drop index "job_active_index";`);
    this.addSql(`drop index "job_output_dataset_ids_gin";`);
    this.addSql(`alter table "job" drop constraint "job_owner_idempotency_key_unique";`);
    this.addSql(
      `alter table "job" drop column "endpoint_url", drop column "endpoint_interface", drop column "input_replicas", drop column "placement_score", drop column "placement_reasons", drop column "native_state", drop column "status_reason", drop column "account", drop column "idempotency_key", drop column "reschedules", drop column "excluded_endpoints", drop column "output_patterns", drop column "output_dataset_ids", drop column "outputs_state", drop column "environment", drop column "owner_entitlements", drop column "managed", drop column "attempt", drop column "dispatch_lease_until", drop column "dispatch_claims", drop column "work_dir", drop column "pending_action", drop column "unreachable_since", drop column "event_count", drop column "collection_id", drop column "started_at", drop column "finished_at";`,
    );

    this.addSql(
      `alter table "job" add constraint "job_status_check" check("status" in ('SUBMITTED', 'MATCHED', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'HELD'));`,
    );

    this.addSql(`drop index "job_event_job_id_seq_index";`);
    this.addSql(
      `alter table "job_event" drop column "seq", drop column "native_state", drop column "source";`,
    );

    this.addSql(
      `alter table "job_event" add constraint "job_event_status_check" check("status" in ('SUBMITTED', 'MATCHED', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'HELD'));`,
    );
  }
}
