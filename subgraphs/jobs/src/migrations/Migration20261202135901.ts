import { Migration } from "@mikro-orm/migrations";

export class Migration20261202135901 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "job" add column "data_to_move" jsonb null, add column "data_request_ids" text[] not null default '{}';`,
    );
    // Existing jobs waited for no data request; new rows get the entity's own value.
    this.addSql(`alter table "job" alter column "data_request_ids" drop default;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "job" drop column "data_to_move", drop column "data_request_ids";`);
  }
}
