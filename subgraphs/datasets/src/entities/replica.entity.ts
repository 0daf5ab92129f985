import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref, OptionalProps } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";
import { newId } from "@gridgraph/kit";
import { Dataset } from "./dataset.entity";
import { ReplicaState } from "./enums";

@ObjectType({ description: "A copy of a dataset at a storage endpoint of a site." })
@Entity({ tableName: "replica" })
export class Replica {
  [OptionalProps]?: "id" | "state" | "createdAt" | "datasetId";

  @Field(() => ID)
  @PrimaryKey({ type: "uuid" })
  id: string = newId();

  @ManyToOne(() => Dataset, { ref: true, deleteRule: "cascade", index: true })
  dataset!: Ref<Dataset>;

  /** GOCDB short name of the site; the Site itself belongs to the sites subgraph. */
  @Property({ type: "text", index: true })
  siteId!: string;

  @Field({ description: "Storage endpoint URL, e.g. srm://srm.grid.sara.nl:8443." })
  @Property({ type: "text" })
  storageUrl!: string;

  @Field({ description: "Path of the data at that endpoint." })
  @Property({ type: "text" })
  path!: string;

  @Field(() => ReplicaState)
  @Enum({ items: () => ReplicaState })
  state: ReplicaState = ReplicaState.ONLINE;

  @Field()
  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  get datasetId(): string {
    return this.dataset.id;
  }
}
