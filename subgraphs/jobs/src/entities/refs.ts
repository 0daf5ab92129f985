import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The sites subgraph's Site: a key to hang `jobs` on. */
@ObjectType("Site")
@Directive('@key(fields: "id")')
export class SiteRef {
  @Field(() => ID)
  id!: string;
}

/** The datasets subgraph's Dataset: a key to hang `consumedBy` on and to point `Job.inputs` at. */
@ObjectType("Dataset")
@Directive('@key(fields: "id")')
export class DatasetRef {
  @Field(() => ID)
  id!: string;
}
