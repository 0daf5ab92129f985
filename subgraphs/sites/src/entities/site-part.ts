import { ManyToOne, PrimaryKey, type Ref } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";
import { newId } from "@gridgraph/kit";
import { Site } from "./site.entity";

/** Common columns of every part of a site record (endpoints, queues, environments...). */
// A GraphQL object type only so that type-graphql passes its fields on; it is never
// referenced, so it does not appear in the schema.
@ObjectType()
export abstract class SitePart {
  @Field(() => ID)
  @PrimaryKey({ type: "uuid" })
  id: string = newId();

  @ManyToOne(() => Site, { ref: true, deleteRule: "cascade", index: true })
  site!: Ref<Site>;

  get siteId(): string {
    return this.site.id;
  }
}
