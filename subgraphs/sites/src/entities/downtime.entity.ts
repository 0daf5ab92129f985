import { Entity, Enum, Index, Property, OptionalProps, Unique } from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { DowntimeClassification, DowntimeSeverity } from "./enums";
import { SitePart } from "./site-part";

@ObjectType({ description: "A GOCDB downtime of a site or some of its endpoints." })
@Entity({ tableName: "downtime" })
// A re-import of GOCDB's downtimes updates them by GOCDB's id instead of adding copies.
@Unique({ name: "downtime_site_external_id_unique", properties: ["site", "externalId"] })
// Placement and inDowntime look for downtimes that have not ended.
@Index({ name: "downtime_ends_at_index", properties: ["endsAt"] })
export class Downtime extends SitePart {
  [OptionalProps]?: "id" | "siteId" | "affectedEndpoints" | "version";

  @Field(() => DowntimeSeverity)
  @Enum({ items: () => DowntimeSeverity })
  severity!: DowntimeSeverity;

  @Field(() => DowntimeClassification)
  @Enum({ items: () => DowntimeClassification })
  classification!: DowntimeClassification;

  @Field()
  @Property({ type: "timestamptz" })
  startsAt!: Date;

  @Field()
  @Property({ type: "timestamptz" })
  endsAt!: Date;

  @Field()
  @Property({ type: "text" })
  description!: string;

  /** GOCDB's PRIMARY_KEY of an imported downtime: re-imports update it instead of adding another. */
  @Property({ type: "text", nullable: true })
  externalId?: string | null;

  @Field(() => [String], { description: "URLs of the affected endpoints; empty means the whole site." })
  @Property({ type: "text[]" })
  affectedEndpoints: string[] = [];

  @Field(() => Int, { description: "Record version; an update must name the version it was based on." })
  @Property({ type: "integer", version: true })
  version: number = 1;
}
