import {
  BeforeCreate,
  Entity,
  Enum,
  Index,
  JsonType,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from "@mikro-orm/core";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { newId } from "@gridgraph/kit";
import { DoiState, ResearchObjectState } from "./enums";

@ObjectType({ description: "A person credited as creator (DataCite creator)." })
export class Creator {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: "ORCID iD, e.g. 0000-0002-1825-0097." })
  orcid?: string | null;

  @Field(() => String, { nullable: true })
  affiliation?: string | null;
}

/** A snapshot's published metadata (see ResearchObject.frozen). */
export interface FrozenPublication {
  crate: Record<string, unknown>;
  datacite: Record<string, unknown>;
}

@ObjectType("ResearchObject", { description: "Datasets, jobs and papers bundled for publication." })
@Directive('@key(fields: "id")')
@Entity({ tableName: "research_object" })
// One number per published version of a lineage (the LIVE row holds the next number).
@Unique({
  name: "research_object_published_version_unique",
  expression: `create unique index "research_object_published_version_unique" on "research_object" ("lineage_id", "version") where "state" <> 'LIVE'`,
})
export class ResearchObject {
  [OptionalProps]?:
    | "id"
    | "creators"
    | "keywords"
    | "state"
    | "version"
    | "coEditors"
    | "createdAt"
    | "updatedAt"
    | "lineageId";

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

  @Field(() => Int, {
    description: "A snapshot's version number; for a LIVE object the number its next snapshot will get.",
  })
  @Property({ type: "integer" })
  version: number = 1;

  @Field(() => String, {
    nullable: true,
    description: "DOI of a snapshot, e.g. 10.5072/gg.3f2a-9c1d; set once a draft was reserved.",
  })
  @Property({ type: "text", nullable: true, unique: true })
  doi?: string | null;

  @Field(() => DoiState, { nullable: true, description: "Where the DOI is at the registration agency." })
  @Enum({ items: () => DoiState, nullable: true })
  doiState?: DoiState | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Why the DOI is not findable yet (the agency's own words); retry with publishResearchObjectDoi.",
  })
  @Property({ type: "text", nullable: true })
  doiProblem?: string | null;

  /** The research object this one is a snapshot of (a LIVE one) or a fork of (any version). */
  @Property({ type: "text", nullable: true, index: true })
  parentId?: string | null;

  /**
   * The LIVE research object whose snapshots are this one's versions: its own id for a LIVE
   * one (a fork starts a lineage of its own), the LIVE one's id for its snapshots.
   */
  @Index()
  @Property({ type: "text" })
  lineageId!: string;

  /** A research object that is not a snapshot of another starts its own lineage. */
  @BeforeCreate()
  startLineage() {
    this.lineageId ??= this.id;
  }

  @Field(() => Date, { nullable: true, description: "When the snapshot was taken." })
  @Property({ type: "timestamptz", nullable: true })
  publishedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: "When the research object was archived." })
  @Property({ type: "timestamptz", nullable: true })
  archivedAt?: Date | null;

  /**
   * What a snapshot published, frozen when it was taken: the RO-Crate and the DataCite
   * attributes, built from the graph as its author saw it then. Read by the landing page.
   */
  @Property({ type: JsonType, nullable: true, lazy: true })
  frozen?: FrozenPublication | null;

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
