import { Field, ID, Int, ObjectType } from "type-graphql";
import { GraphQLSafeInt } from "graphql-scalars";
import { connectionType } from "@gridgraph/kit";
import { DataRequest, DataRequestKind, Dataset, Replica } from "../entities";

export const DatasetConnection = connectionType(Dataset, "Dataset");
export const ReplicaConnection = connectionType(Replica, "Replica");
export const DataRequestConnection = connectionType(DataRequest, "DataRequest");

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

@ObjectType()
export class DeletePayload {
  @Field(() => ID, { description: "Id of what was deleted." })
  id!: string;
}

@ObjectType({ description: "How many selected datasets have this value." })
export class FacetCount {
  @Field()
  value!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({
  description:
    "Counts of the datasets a filter selects, per value of each facet (site and replicaState count datasets with such a replica).",
})
export class DatasetFacets {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [FacetCount])
  community!: FacetCount[];

  @Field(() => [FacetCount])
  level!: FacetCount[];

  @Field(() => [FacetCount])
  instrument!: FacetCount[];

  @Field(() => [FacetCount])
  format!: FacetCount[];

  @Field(() => [FacetCount])
  access!: FacetCount[];

  @Field(() => [FacetCount])
  site!: FacetCount[];

  @Field(() => [FacetCount])
  replicaState!: FacetCount[];
}

@ObjectType({ description: "One dataset of a previewed request: where it would be read and what it takes." })
export class PlannedDataFile {
  @Field(() => Dataset)
  dataset!: Dataset;

  @Field(() => ID)
  sourceSiteId!: string;

  @Field()
  sourceStorageUrl!: string;

  @Field({ description: "True when the copy is on tape and must be recalled first." })
  needsStaging!: boolean;

  @Field(() => GraphQLSafeInt)
  bytes!: number;
}

@ObjectType({ description: "What a staging or transfer request would do, before it is made." })
export class DataRequestPreview {
  @Field(() => DataRequestKind)
  kind!: DataRequestKind;

  @Field()
  vo!: string;

  @Field(() => ID)
  destinationSiteId!: string;

  @Field()
  destinationStorageUrl!: string;

  @Field(() => GraphQLSafeInt)
  bytesTotal!: number;

  @Field(() => GraphQLSafeInt, { description: "Bytes that must be recalled from tape." })
  bytesToStage!: number;

  @Field(() => [PlannedDataFile])
  files!: PlannedDataFile[];
}

@ObjectType()
export class DataRequestPayload {
  @Field(() => DataRequest)
  request!: DataRequest;
}

@ObjectType({ description: "How many files of a request are in each state." })
export class DataRequestSummary {
  @Field(() => Int)
  submitted!: number;
  @Field(() => Int)
  staging!: number;
  @Field(() => Int)
  active!: number;
  @Field(() => Int)
  finished!: number;
  @Field(() => Int)
  failed!: number;
  @Field(() => Int)
  canceled!: number;
}
