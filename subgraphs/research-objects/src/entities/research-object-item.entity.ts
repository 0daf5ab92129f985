import {
  Entity,
  Enum,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
  OptionalProps,
} from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { newId } from "@gridgraph/kit";
import { ItemKind, ResourceType } from "./enums";
import { ResearchObject } from "./research-object.entity";

/**
 * One aggregated thing: a dataset or job of the graph (by id) or an external resource
 * (by URL). Exposed to GraphQL as `datasets`, `jobs` and `externalResources`.
 */
@ObjectType("ExternalResource", { description: "A paper, code repository, notebook... outside the graph." })
@Entity({ tableName: "research_object_item" })
@Unique({ properties: ["researchObject", "kind", "targetId"] })
export class ResearchObjectItem {
  [OptionalProps]?: "id" | "url" | "addedAt" | "researchObjectId";

  @PrimaryKey({ type: "uuid" })
  id: string = newId();

  @ManyToOne(() => ResearchObject, { ref: true, deleteRule: "cascade", index: true })
  researchObject!: Ref<ResearchObject>;

  @Enum({ items: () => ItemKind })
  kind!: ItemKind;

  /** Dataset or job id, or the URL of an external resource. */
  @Property({ type: "text", index: true })
  targetId!: string;

  @Field({ description: "URL, e.g. https://doi.org/10.1051/0004-6361/201220873." })
  get url(): string {
    return this.targetId;
  }

  @Field(() => String, { nullable: true })
  @Property({ type: "text", nullable: true })
  title?: string | null;

  @Field(() => ResourceType, { nullable: true })
  @Enum({ items: () => ResourceType, nullable: true })
  resourceType?: ResourceType | null;

  @Field()
  @Property({ type: "timestamptz" })
  addedAt: Date = new Date();

  get researchObjectId(): string {
    return this.researchObject.id;
  }
}
