import { Entity, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * One row (id 1) whose `generation` counts changes to the capability registry. A statement
 * trigger on every capability table bumps it, whoever writes (services, seeds, imports, psql);
 * placement keeps an in-memory snapshot and rebuilds it only when this number moved
 * (decision 0008). The triggers and their function live in the migration that made this
 * table: MikroORM does not manage triggers, so they can never be dropped by a generated one.
 */
@Entity({ tableName: "registry_state" })
export class RegistryState {
  @PrimaryKey({ type: "integer", autoincrement: false })
  id!: number;

  @Property({ type: "bigint", defaultRaw: "0" })
  generation!: string;
}
