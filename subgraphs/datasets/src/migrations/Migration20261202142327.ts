import { Migration } from "@mikro-orm/migrations";

export class Migration20261202142327 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "dataset_observed_range_index" on "dataset" using gist ((case when observation_start_time is null then null else tstzrange(observation_start_time, coalesce(observation_end_time, observation_start_time), '[]') end));`,
    );
    this.addSql(`create index "dataset_level_index" on "dataset" ("level");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "dataset_observed_range_index";`);
    this.addSql(`drop index "dataset_level_index";`);
  }
}
