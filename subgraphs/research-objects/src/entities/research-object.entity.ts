import { Entity, Enum, Property, PrimaryKey, JsonType, OptionalProps } from "@mikro-orm/core";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { newId } from "@gridgraph/kit";
import { ResearchObjectState } from "./enums";

@ObjectType({ description: "A person credited as creator (DataCite creator)." })
export class Creator {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: "ORCID iD, e.g. 0000-0002-1825-0097." })
  orcid?: string | null;

  @Field(() => String, { nullable: true })
  affiliation?: string | null;
}

@ObjectType("ResearchObject", { description: "Datasets, jobs and papers bundled for publication." })
@Directive('@key(fields: "id")')
@Entity({ tableName: "research_object" })
export class ResearchObject {
  [OptionalProps]?:
    "id" | "creators" | "keywords" | "state" | "version" | "coEditors" | "createdAt" | "updatedAt";

  @Field(() => ID)
  @PrimaryKey({ type: "text" })
  id: string = newId();

  @Field()
  @Property({ type: "text" })
  title!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: "text", nullable: true })
  description?: string | null;

  @Field(() => [Creator])
  @Property({ type: JsonType })
  creators: Creator[] = [];

  @Field(() => [String])
  @Property({ type: "text[]" })
  keywords: string[] = [];

  @Field(() => String, { nullable: true, description: "SPDX licence id, e.g. CC-BY-4.0." })
  @Property({ type: "text", nullable: true })
  licence?: string | null;

  @Field(() => ResearchObjectState)
  @Enum({ items: () => ResearchObjectState })
  state: ResearchObjectState = ResearchObjectState.LIVE;

  @Field(() => Int)
  @Property({ type: "integer" })
  version: number = 1;

  @Field(() => String, { nullable: true, description: "DOI of a snapshot, e.g. 10.5072/gridgraph.xxxx." })
  @Property({ type: "text", nullable: true, unique: true })
  doi?: string | null;

  /** The research object this one is a snapshot or new version of (resolved by `parent`). */
  @Property({ type: "text", nullable: true })
  parentId?: string | null;

  /** Subject (OIDC sub) of the owner; in the API through ResearchObjectResolver.owner. */
  @Property({ type: "text", index: true })
  owner!: string;

  @Field({ description: "VO whose members may see it while LIVE." })
  @Property({ type: "text" })
  vo!: string;

  /** Subjects allowed to edit besides the owner; in the API through ResearchObjectResolver. */
  @Property({ type: "text[]" })
  coEditors: string[] = [];

  @Field()
  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
