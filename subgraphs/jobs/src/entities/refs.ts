import { Directive, Field, ID, ObjectType } from "type-graphql";
import { REF_KEY } from "@gridgraph/kit";

/** The sites subgraph's Site: a key to hang `jobs` on (sites are public: keyed by id). */
@ObjectType("Site")
@Directive('@key(fields: "id")')
export class SiteRef {
  @Field(() => ID)
  id!: string;
}

/**
 * The datasets subgraph's Dataset, by its hidden `ref` key (see the kit's references.ts): a
 * key to hang `consumedBy` on and to point `Job.inputs` at, which never reveals an id.
 */
@ObjectType("Dataset")
@Directive(REF_KEY)
export class DatasetRef {
  @Field(() => ID)
  @Directive("@inaccessible")
  ref!: string;
}
