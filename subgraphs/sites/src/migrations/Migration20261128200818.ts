import { Migration } from "@mikro-orm/migrations";

export class Migration20261128200818 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "site" ("id" text not null, "official_name" text not null, "ngi" text not null, "country" text not null, "latitude" double precision null, "longitude" double precision null, "certification_status" text check ("certification_status" in ('Candidate', 'Uncertified', 'Certified', 'Suspended', 'Closed')) not null, "infrastructure" text check ("infrastructure" in ('Production', 'Test')) not null, "kind" text check ("kind" in ('HTC', 'HPC', 'CLOUD')) not null, "scopes" text[] not null, "supported_vos" text[] not null, "home_url" text null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "site_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "execution_environment" ("id" uuid not null, "site_id" text not null, "platform" text not null, "os_family" text not null, "os_name" text not null, "os_version" text not null, "logical_cpus" int not null, "main_memory" int not null, "gpu_model" text null, "gpu_count" int not null default 0, "total_instances" int not null default 1, "benchmark_type" text null, "benchmark_value" double precision null, constraint "execution_environment_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "execution_environment_site_id_index" on "execution_environment" ("site_id");`);

    this.addSql(
      `create table "downtime" ("id" uuid not null, "site_id" text not null, "severity" text check ("severity" in ('OUTAGE', 'WARNING')) not null, "classification" text check ("classification" in ('SCHEDULED', 'UNSCHEDULED')) not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "description" text not null, "affected_endpoints" text[] not null, constraint "downtime_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "downtime_site_id_index" on "downtime" ("site_id");`);

    this.addSql(
      `create table "compute_share" ("id" uuid not null, "site_id" text not null, "name" text not null, "endpoint_url" text null, "max_wall_time" int null, "max_cpu_time" int null, "max_slots_per_job" int null, "max_main_memory" int null, "free_slots" int not null default 0, "used_slots" int not null default 0, "running_jobs" int not null default 0, "waiting_jobs" int not null default 0, "estimated_waiting_time" int null, "vos" text[] not null, "tags" text[] not null, constraint "compute_share_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "compute_share_site_id_index" on "compute_share" ("site_id");`);

    this.addSql(
      `create table "compute_endpoint" ("id" uuid not null, "site_id" text not null, "url" text not null, "interface_name" text not null, "implementation_name" text not null, "implementation_version" text null, "health_state" text check ("health_state" in ('ok', 'warning', 'critical', 'unknown')) not null default 'unknown', "serving_state" text check ("serving_state" in ('production', 'draining', 'queueing', 'closed')) not null default 'production', constraint "compute_endpoint_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "compute_endpoint_site_id_index" on "compute_endpoint" ("site_id");`);

    this.addSql(
      `create table "application_environment" ("id" uuid not null, "site_id" text not null, "name" text not null, "version" text null, constraint "application_environment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "application_environment_site_id_index" on "application_environment" ("site_id");`,
    );

    this.addSql(
      `create table "storage_endpoint" ("id" uuid not null, "site_id" text not null, "url" text not null, "protocols" text[] not null, "access_latency" text check ("access_latency" in ('online', 'nearline', 'offline')) not null default 'online', "total_capacity" double precision not null default 0, "free_capacity" double precision not null default 0, "vos" text[] not null, constraint "storage_endpoint_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "storage_endpoint_site_id_index" on "storage_endpoint" ("site_id");`);

    this.addSql(
      `alter table "execution_environment" add constraint "execution_environment_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "downtime" add constraint "downtime_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "compute_share" add constraint "compute_share_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "compute_endpoint" add constraint "compute_endpoint_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "application_environment" add constraint "application_environment_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "storage_endpoint" add constraint "storage_endpoint_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete cascade;`,
    );
  }
}
