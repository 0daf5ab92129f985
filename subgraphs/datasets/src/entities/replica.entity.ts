import {
  BigIntType,
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Ref,
  OptionalProps,
} from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";
import { GraphQLSafeInt } from "graphql-scalars";
import { newId } from "@gridgraph/kit";
import { Dataset } from "./dataset.entity";
import { ReplicaState } from "./enums";

@ObjectType({ description: "A copy of a dataset at a storage endpoint of a site." })
@Entity({ tableName: "replica" })
// Discovery filters datasets by where their replicas are and in which state.
@Index({ properties: ["siteId", "state", "dataset"] })
export class Replica {
  [OptionalProps]?: "id" | "state" | "createdAt" | "updatedAt" | "datasetId";

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

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: "Bytes this copy holds, when known (measured by the transfer that made it).",
  })
  @Property({ type: new BigIntType("number"), nullable: true })
  sizeBytes?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Checksum of this copy as algorithm:value (adler32:0a1b2c3d), when known.",
  })
  @Property({ type: "text", nullable: true })
  checksum?: string | null;

  @Field()
  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: "timestamptz", onUpdate: () => new Date(), defaultRaw: "now()" })
  updatedAt: Date = new Date();

  get datasetId(): string {
    return this.dataset.id;
  }
}
