import { Migration } from "@mikro-orm/migrations";

export class Migration20261202053933 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "compute_share" add column "serving_state" text check ("serving_state" in ('production', 'draining', 'queueing', 'closed')) not null default 'production';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "compute_share" drop column "serving_state";`);
  }
}
