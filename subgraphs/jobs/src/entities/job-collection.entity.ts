import { Entity, PrimaryKey, Property, OptionalProps } from "@mikro-orm/core";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { newId } from "@gridgraph/kit";

/** Jobs submitted together (a parametric DIRAC JDL: one job per parameter). */
@ObjectType("JobCollection", { description: "Jobs submitted together, e.g. from one parametric JDL." })
@Directive('@key(fields: "id")')
@Entity({ tableName: "job_collection" })
export class JobCollection {
  [OptionalProps]?: "id" | "createdAt";

  @Field(() => ID)
  @PrimaryKey({ type: "text" })
  id: string = newId();

  @Field()
  @Property({ type: "text" })
  name!: string;

  @Field({ description: "Subject (OIDC sub) of the submitter." })
  @Property({ type: "text", index: true })
  owner!: string;

  @Field()
  @Property({ type: "text", index: true })
  vo!: string;

  @Field()
  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();
}
