import { Directive, Field, ID, ObjectType } from "type-graphql";
import { REF_KEY } from "@gridgraph/kit";

/**
 * The datasets subgraph's Dataset, by its hidden `ref` key (see the kit's references.ts):
 * aggregated by research objects; carries `researchObjects`.
 */
@ObjectType("Dataset")
@Directive(REF_KEY)
export class DatasetRef {
  @Field(() => ID)
  @Directive("@inaccessible")
  ref!: string;
}

/** The jobs subgraph's Job, by its hidden `ref` key: aggregated by research objects. */
@ObjectType("Job")
@Directive(REF_KEY)
export class JobRef {
  @Field(() => ID)
  @Directive("@inaccessible")
  ref!: string;
}

/** The sites subgraph's Site (no visibility rule: keyed by `id`): where provenance ran and is kept. */
@ObjectType("Site")
@Directive('@key(fields: "id")')
export class SiteRef {
  @Field(() => ID)
  id!: string;
}
