import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The sites subgraph's Site, as far as this subgraph knows it: a key to hang `replicas` on. */
@ObjectType("Site")
@Directive('@key(fields: "id")')
export class SiteRef {
  @Field(() => ID)
  id!: string;
}
