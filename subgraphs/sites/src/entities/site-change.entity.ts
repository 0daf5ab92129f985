import { Entity, Index, OptionalProps, PrimaryKey, Property, JsonType } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { newId } from "@gridgraph/kit";

/** One change to a site's record: who, when, what, before and after. Kept when parts are deleted. */
@ObjectType({ description: "A change to a site's record." })
@Entity({ tableName: "site_change" })
@Index({ properties: ["siteId", "id"] })
export class SiteChange {
  [OptionalProps]?: "id" | "at";

  @Field(() => ID)
  @PrimaryKey({ type: "uuid" })
  id: string = newId();

  @Property({ type: "text" })
  siteId!: string;

  @Field()
  @Property({ type: "timestamptz" })
  at: Date = new Date();

  /** Subject of who made the change (or the importer); in the API through SiteChangeResolver.actor. */
  @Property({ type: "text" })
  actor!: string;

  @Field({ description: "Site, ComputeShare, Downtime..." })
  @Property({ type: "text" })
  entityType!: string;

  @Field(() => ID)
  @Property({ type: "text" })
  entityId!: string;

  @Field({ description: "CREATE, UPDATE or DELETE." })
  @Property({ type: "text" })
  action!: string;

  @Field(() => GraphQLJSONObject, { description: "Per field: { before, after }." })
  @Property({ type: JsonType })
  changes!: Record<string, { before: unknown; after: unknown }>;
}
