import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The datasets subgraph's Dataset: aggregated by research objects; carries `researchObjects`. */
@ObjectType("Dataset")
@Directive('@key(fields: "id")')
export class DatasetRef {
  @Field(() => ID)
  id!: string;
}

/** The jobs subgraph's Job: aggregated by research objects; carries `researchObjects`. */
@ObjectType("Job")
@Directive('@key(fields: "id")')
export class JobRef {
  @Field(() => ID)
  id!: string;
}
