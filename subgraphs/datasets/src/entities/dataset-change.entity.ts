import { Entity, Enum, Index, PrimaryKey, Property, OptionalProps } from "@mikro-orm/core";
import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { newId } from "@gridgraph/kit";

export enum DatasetChangeAction {
  REGISTERED = "REGISTERED",
  UPDATED = "UPDATED",
  DELETED = "DELETED",
  REPLICA_ADDED = "REPLICA_ADDED",
  REPLICA_UPDATED = "REPLICA_UPDATED",
  REPLICA_DELETED = "REPLICA_DELETED",
}
registerEnumType(DatasetChangeAction, { name: "DatasetChangeAction" });

/**
 * One correction of the catalogue, kept like the site records' history: who, when, what and
 * the fields' values before and after. Kept after the dataset is deleted (no foreign key).
 */
@ObjectType({ description: "A change to a dataset or one of its replicas." })
@Entity({ tableName: "dataset_change" })
@Index({ properties: ["datasetId", "at"] })
export class DatasetChange {
  [OptionalProps]?: "id" | "at" | "replicaId" | "reason";

  @Field(() => ID)
  @PrimaryKey({ type: "uuid" })
  id: string = newId();

  @Field(() => ID)
  @Property({ type: "text" })
  datasetId!: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: "uuid", nullable: true })
  replicaId?: string | null;

  @Field(() => DatasetChangeAction)
  @Enum({ items: () => DatasetChangeAction })
  action!: DatasetChangeAction;

  /** Subject of who made the change (shown to those who may see the dataset's people). */
  @Property({ type: "text" })
  actor!: string;

  @Field()
  @Property({ type: "timestamptz" })
  at: Date = new Date();

  @Field(() => GraphQLJSONObject, { description: "Changed fields: { field: { before, after } }." })
  @Property({ type: "jsonb" })
  changes!: Record<string, { before: unknown; after: unknown }>;

  @Field(() => String, { nullable: true, description: "Why, as the editor said." })
  @Property({ type: "text", nullable: true })
  reason?: string | null;
}
