import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { newId } from "@gridgraph/kit";

/**
 * Where the sites service reads a site's record from on a schedule: a BDII over LDAP or a
 * GOCDB programmatic-interface URL, every `intervalSeconds`. Runs are kept in HarvestRun.
 */
@ObjectType({ description: "A source the sites service harvests a site's record from, on a schedule." })
@Entity({ tableName: "harvest_source" })
@Unique({ name: "harvest_source_site_url_unique", properties: ["siteId", "url"] })
export class HarvestSource {
  [OptionalProps]?: "id" | "createdAt" | "nextRunAt" | "base" | "enabled";

  @Field(() => ID)
  @PrimaryKey({ type: "uuid" })
  id: string = newId();

  @Field(() => ID)
  @Property({ type: "text" })
  siteId!: string;

  @Field({ description: "ldap://bdii:2170[/base] or https://.../gocdbpi/public/?method=get_site&sitename=X" })
  @Property({ type: "text" })
  url!: string;

  @Field({ description: "GLUE2_LDIF, GLUE2_JSON or GOCDB_XML." })
  @Property({ type: "text" })
  format!: string;

  @Field(() => String, {
    nullable: true,
    description: "LDAP search base (default: the URL's path, else o=glue).",
  })
  @Property({ type: "text", nullable: true })
  base: string | null = null;

  @Field(() => Int)
  @Property({ type: "integer" })
  intervalSeconds!: number;

  @Field()
  @Property({ type: "boolean" })
  enabled: boolean = true;

  @Field({ description: "When the scheduler runs it next." })
  @Index({ name: "harvest_source_next_run_index" })
  @Property({ type: "timestamptz" })
  nextRunAt: Date = new Date();

  @Property({ type: "text" })
  createdBy!: string;

  @Field()
  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();
}

/** One harvest: what it changed, what it warned about, or why it failed. */
@ObjectType({ description: "One harvest of a source: counts, warnings, or the reason it failed." })
@Entity({ tableName: "harvest_run" })
@Index({ name: "harvest_run_source_index", properties: ["sourceId", "startedAt"] })
export class HarvestRun {
  [OptionalProps]?: "id";

  @Field(() => ID)
  @PrimaryKey({ type: "uuid" })
  id: string = newId();

  @Field(() => ID)
  @Property({ type: "uuid" })
  sourceId!: string;

  @Field(() => ID)
  @Property({ type: "text" })
  siteId!: string;

  @Field()
  @Property({ type: "timestamptz" })
  startedAt!: Date;

  @Field(() => Int, { description: "Milliseconds from start to end." })
  @Property({ type: "integer" })
  durationMs!: number;

  @Field({ description: "SUCCEEDED or FAILED (a failed run changed nothing)." })
  @Property({ type: "text" })
  outcome!: string;

  @Field(() => Int)
  @Property({ type: "integer" })
  created: number = 0;

  @Field(() => Int)
  @Property({ type: "integer" })
  updated: number = 0;

  @Field(() => Int)
  @Property({ type: "integer" })
  unchanged: number = 0;

  @Field(() => Int)
  @Property({ type: "integer" })
  removed: number = 0;

  @Field(() => [String])
  @Property({ type: "text[]" })
  warnings: string[] = [];

  @Field(() => String, { nullable: true })
  @Property({ type: "text", nullable: true })
  error: string | null = null;
}
