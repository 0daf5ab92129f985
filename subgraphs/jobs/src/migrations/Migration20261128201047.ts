import { Migration } from "@mikro-orm/migrations";

export class Migration20261128201047 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "job" ("id" text not null, "name" text not null, "owner" text not null, "vo" text not null, "executable" text not null, "arguments" text[] not null, "cores" int not null default 1, "memory_mb" int not null default 2000, "gpus" int not null default 0, "wall_time_seconds" int not null default 3600, "platform" text null, "required_software" text[] not null, "container_image" text null, "tags" text[] not null, "input_dataset_ids" text[] not null, "status" text check ("status" in ('SUBMITTED', 'MATCHED', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'HELD')) not null default 'SUBMITTED', "site_id" text null, "queue" text null, "backend" text null, "backend_job_id" text null, "exit_code" int null, "submitted_at" timestamptz not null, "updated_at" timestamptz not null, constraint "job_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "job_owner_index" on "job" ("owner");`);
    this.addSql(`create index "job_vo_index" on "job" ("vo");`);
    this.addSql(`create index "job_status_index" on "job" ("status");`);
    this.addSql(`create index "job_site_id_index" on "job" ("site_id");`);
    this.addSql(`create index "job_input_dataset_ids_gin" on "job" using gin ("input_dataset_ids");`);

    this.addSql(
      `create table "job_event" ("id" uuid not null, "job_id" text not null, "at" timestamptz not null, "status" text check ("status" in ('SUBMITTED', 'MATCHED', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'HELD')) not null, "message" text not null, constraint "job_event_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "job_event_job_id_index" on "job_event" ("job_id");`);

    this.addSql(
      `alter table "job_event" add constraint "job_event_job_id_foreign" foreign key ("job_id") references "job" ("id") on update cascade on delete cascade;`,
    );
  }
}
