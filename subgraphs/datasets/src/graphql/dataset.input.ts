import { ArrayMaxSize, IsUrl, Length, Matches, Min, ValidateNested, IsOptional } from "class-validator";
import { Field, Float, ID, InputType, Int } from "type-graphql";
import { GraphQLSafeInt } from "graphql-scalars";
import { AccessLevel, Community, DataLevel, ReplicaState } from "../entities";

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

  @Field(() => String, { nullable: true, description: "Words that must all appear in title or description." })
  @IsOptional()
  @Length(1, 200)
  text?: string | null;

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

  @Field()
  @IsUrl({
    require_tld: false,
    protocols: ["https", "http", "davs", "root", "s3", "gsiftp", "srm", "xroot"],
    require_valid_protocol: true,
  })
  storageUrl!: string;

  @Field()
  @Length(1, 2000)
  path!: string;

  @Field(() => ReplicaState, { nullable: true })
  state?: ReplicaState | null;
}
