import { Migration } from "@mikro-orm/migrations";

export class Migration20261202095822 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "job" add column "collection_index" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "job" drop column "collection_index";`);
  }
}
