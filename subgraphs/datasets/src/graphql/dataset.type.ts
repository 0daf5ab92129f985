import { Field, ObjectType } from "type-graphql";
import { connectionType } from "@gridgraph/kit";
import { Dataset, Replica } from "../entities";

export const DatasetConnection = connectionType(Dataset, "Dataset");
export const ReplicaConnection = connectionType(Replica, "Replica");

@ObjectType()
export class RegisterDatasetPayload {
  @Field(() => Dataset)
  dataset!: Dataset;
}

@ObjectType()
export class AddReplicaPayload {
  @Field(() => Replica)
  replica!: Replica;
}
