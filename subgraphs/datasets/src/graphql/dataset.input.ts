import { ArrayMaxSize, IsUrl, Length, Matches, Min, ValidateNested, IsOptional } from "class-validator";
import { Field, Float, ID, InputType, Int, registerEnumType } from "type-graphql";
import { GraphQLSafeInt } from "graphql-scalars";
import { DatasetSortField, SortDirection } from "../domain/dataset-search";
import { AccessLevel, Community, DataLevel, DataRequestKind, ReplicaState } from "../entities";

registerEnumType(DatasetSortField, {
  name: "DatasetSortField",
  description: "ID: registration order; RELEVANCE: full-text rank (needs filter.text).",
});
registerEnumType(SortDirection, { name: "SortDirection" });

const STORAGE_URL = {
  require_tld: false,
  protocols: ["https", "http", "davs", "dav", "root", "xroot", "s3", "gsiftp", "srm"],
  require_valid_protocol: true,
};

@InputType({ description: "Order of `datasets`; every order pages with stable cursors." })
export class DatasetSort {
  @Field(() => DatasetSortField)
  field!: DatasetSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction!: SortDirection;
}

@InputType({ description: "Filters for `datasets`; all given filters must hold." })
export class DatasetFilter {
  @Field(() => Community, { nullable: true })
  community?: Community | null;

  @Field(() => DataLevel, { nullable: true })
  level?: DataLevel | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 255)
  vo?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 255)
  instrument?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  format?: string | null;

  @Field(() => AccessLevel, { nullable: true })
  access?: AccessLevel | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Full-text search over title (weighs most), observation target and id, and description; web-search syntax: words, "a phrase", -excluded, or.',
  })
  @IsOptional()
  @Length(1, 200)
  text?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "Observed at or after this instant (the observation overlaps the range).",
  })
  observedFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: "Observed at or before this instant." })
  observedTo?: Date | null;

  @Field(() => GraphQLSafeInt, { nullable: true })
  @IsOptional()
  @Min(0)
  minSizeBytes?: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true })
  @IsOptional()
  @Min(0)
  maxSizeBytes?: number | null;

  @Field(() => [ID], { nullable: true, description: "With a replica at one of these sites." })
  @IsOptional()
  @ArrayMaxSize(100)
  siteIds?: string[] | null;

  @Field(() => [ReplicaState], {
    nullable: true,
    description: "With a replica in one of these states (at one of `siteIds`, when given too).",
  })
  @IsOptional()
  @ArrayMaxSize(10)
  replicaStates?: ReplicaState[] | null;

  @Field(() => [ID], { nullable: true, description: "Only these datasets (at most 1000)." })
  @IsOptional()
  @ArrayMaxSize(1000)
  ids?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Only datasets with these logical file names, e.g. a DIRAC JDL's InputData (at most 1000).",
  })
  @IsOptional()
  @ArrayMaxSize(1000)
  lfns?: string[] | null;
}

@InputType()
export class ObservationInput {
  @Field(() => String, { nullable: true })
  observationId?: string | null;

  @Field(() => String, { nullable: true })
  target?: string | null;

  @Field(() => Date, { nullable: true })
  startTime?: Date | null;

  @Field(() => Date, { nullable: true })
  endTime?: Date | null;

  @Field(() => Float, { nullable: true, description: "MHz" })
  @IsOptional()
  @Min(0)
  frequencyMinMhz?: number | null;

  @Field(() => Float, { nullable: true, description: "MHz" })
  @IsOptional()
  @Min(0)
  frequencyMaxMhz?: number | null;

  @Field(() => String, { nullable: true })
  antennaSet?: string | null;
}

@InputType()
export class RegisterDatasetInput {
  @Field({ description: "Absolute logical file name, e.g. /lofar/ops/L123456/L2." })
  @Matches(/^\/\S*$/, { message: "lfn must be an absolute logical file name starting with '/'" })
  lfn!: string;

  @Field()
  @Length(1, 500)
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Community)
  community!: Community;

  @Field()
  @Length(1, 200)
  instrument!: string;

  @Field(() => DataLevel)
  level!: DataLevel;

  @Field()
  @Length(1, 100)
  productType!: string;

  @Field()
  @Length(1, 100)
  format!: string;

  @Field(() => GraphQLSafeInt, { description: "bytes" })
  @Min(0)
  sizeBytes!: number;

  @Field(() => Int, { defaultValue: 1 })
  @Min(0)
  fileCount!: number;

  @Field(() => String, { nullable: true })
  checksum?: string | null;

  @Field(() => ObservationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  observation?: ObservationInput | null;

  @Field(() => AccessLevel, { nullable: true })
  access?: AccessLevel | null;

  @Field(() => Date, { nullable: true })
  embargoUntil?: Date | null;

  @Field({
    description: "VO the dataset belongs to; you must be a member. The owner is you (from your token).",
  })
  @Length(1, 255)
  vo!: string;

  @Field(() => [ID], { nullable: true, description: "Datasets this one was derived from." })
  derivedFrom?: string[] | null;
}

@InputType()
export class AddReplicaInput {
  @Field(() => ID)
  @Length(1, 100)
  datasetId!: string;

  @Field(() => ID, { description: "GOCDB short name of the site holding the copy." })
  @Length(1, 100)
  siteId!: string;

  @Field({
    description:
      "One of the site's storage endpoints (as the sites registry lists them), or a URL under one.",
  })
  @IsUrl(STORAGE_URL)
  storageUrl!: string;

  @Field()
  @Length(1, 2000)
  path!: string;

  @Field(() => ReplicaState, { nullable: true })
  state?: ReplicaState | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: "Bytes of this copy, when known." })
  sizeBytes?: number | null;

  @Field(() => String, { nullable: true, description: "Checksum of this copy, e.g. adler32:0a1b2c3d." })
  @IsOptional()
  @Length(1, 200)
  checksum?: string | null;
}

@InputType({ description: "Corrections to a dataset: only the fields given change." })
export class UpdateDatasetInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\/\S*$/, { message: "lfn must be an absolute logical file name starting with '/'" })
  lfn?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 500)
  title?: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  instrument?: string;

  @Field(() => DataLevel, { nullable: true })
  level?: DataLevel;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  productType?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  format?: string;

  @Field(() => GraphQLSafeInt, { nullable: true })
  @IsOptional()
  @Min(0)
  sizeBytes?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  fileCount?: number;

  @Field(() => String, { nullable: true })
  checksum?: string | null;

  @Field(() => ObservationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  observation?: ObservationInput | null;

  @Field(() => AccessLevel, { nullable: true })
  access?: AccessLevel;

  @Field(() => Date, { nullable: true })
  embargoUntil?: Date | null;

  @Field(() => [ID], { nullable: true })
  derivedFrom?: string[];
}

@InputType({ description: "Corrections to a replica: only the fields given change." })
export class UpdateReplicaInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl(STORAGE_URL)
  storageUrl?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 2000)
  path?: string;

  @Field(() => ReplicaState, { nullable: true })
  state?: ReplicaState;

  @Field(() => GraphQLSafeInt, { nullable: true })
  sizeBytes?: number | null;

  @Field(() => String, { nullable: true })
  checksum?: string | null;
}

@InputType({ description: "Datasets to stage from tape, or to copy to a site." })
export class DataRequestInput {
  @Field(() => [ID])
  @ArrayMaxSize(1000)
  datasetIds!: string[];

  @Field(() => ID, {
    nullable: true,
    description:
      "Transfer: the site to copy to. Stage: the site holding the tape copies (needed when they are at several).",
  })
  siteId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Transfer: which storage endpoint of the site (default: its first on-disk endpoint serving the VO).",
  })
  @IsOptional()
  @IsUrl(STORAGE_URL)
  storageUrl?: string | null;
}

@InputType()
export class PreviewDataRequestInput extends DataRequestInput {
  @Field(() => DataRequestKind)
  kind!: DataRequestKind;
}
