import { Migration } from "@mikro-orm/migrations";

export class Migration20261203135147 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "job" add column "placement_limits" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "job" drop column "placement_limits";`);
  }
}
