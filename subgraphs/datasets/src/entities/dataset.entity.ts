import {
  Embeddable,
  Embedded,
  Entity,
  Enum,
  Index,
  PrimaryKey,
  Property,
  BigIntType,
  OptionalProps,
} from "@mikro-orm/core";
import { FullTextType } from "@mikro-orm/postgresql";
import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { GraphQLSafeInt } from "graphql-scalars";
import { newId, REF_KEY } from "@gridgraph/kit";
import { AccessLevel, Community, DataLevel } from "./enums";

@ObjectType({ description: "Observation metadata of the data (telescope or radar run)." })
@Embeddable()
export class Observation {
  @Field(() => String, { nullable: true, description: "Observation id, e.g. LOFAR SAS id L123456." })
  @Property({ type: "text", nullable: true })
  observationId?: string | null;

  @Field(() => String, { nullable: true, description: "Target: source name, field or radar experiment." })
  @Property({ type: "text", nullable: true })
  target?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: "timestamptz", nullable: true })
  startTime?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: "timestamptz", nullable: true })
  endTime?: Date | null;

  @Field(() => Float, { nullable: true, description: "Lowest frequency, in MHz." })
  @Property({ type: "double", nullable: true })
  frequencyMinMhz?: number | null;

  @Field(() => Float, { nullable: true, description: "Highest frequency, in MHz." })
  @Property({ type: "double", nullable: true })
  frequencyMaxMhz?: number | null;

  @Field(() => String, { nullable: true, description: "Antenna set, e.g. HBA_DUAL_INNER, LBA_OUTER." })
  @Property({ type: "text", nullable: true })
  antennaSet?: string | null;
}

/**
 * A dataset's observation as a time range (an instant when it has no end; none without a
 * start), GiST-indexed so that "observed between" is one index scan (dataset-search.ts).
 */
export const OBSERVED_RANGE =
  "(case when observation_start_time is null then null else tstzrange(observation_start_time, coalesce(observation_end_time, observation_start_time), '[]') end)";

@ObjectType("Dataset", { description: "A logical dataset in the catalogue; its bytes live in replicas." })
@Directive('@key(fields: "id")')
// The hidden second key other subgraphs refer by (see the kit's references.ts).
@Directive(REF_KEY)
@Entity({ tableName: "dataset" })
@Index({ properties: ["community", "level"] })
@Index({ name: "dataset_observation_start_time_index", properties: ["observation.startTime"] as never })
@Index({ properties: ["sizeBytes"] })
@Index({ properties: ["level"] })
@Index({
  name: "dataset_observed_range_index",
  expression: `create index "dataset_observed_range_index" on "dataset" using gist (${OBSERVED_RANGE})`,
})
@Index({ properties: ["createdAt"] })
export class Dataset {
  [OptionalProps]?:
    | "id"
    | "ref"
    | "sizeBytes"
    | "fileCount"
    | "access"
    | "derivedFromIds"
    | "createdAt"
    | "updatedAt"
    | "searchVector";

  @Field(() => ID)
  @PrimaryKey({ type: "text" })
  id: string = newId();

  /** Equal to `id`; not in the API (see the kit's references.ts). */
  @Field(() => ID)
  @Directive("@inaccessible")
  get ref(): string {
    return this.id;
  }

  @Field({ description: "Logical file name, e.g. /lofar/ops/projects/lc12_017/L123456/L2." })
  @Property({ type: "text", unique: true })
  lfn!: string;

  @Field()
  @Property({ type: "text" })
  title!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: "text", nullable: true })
  description?: string | null;

  @Field(() => Community)
  @Enum({ items: () => Community })
  community!: Community;

  @Field({ description: "Instrument or telescope, e.g. LOFAR HBA, NenuFAR, EISCAT_3D Skibotn." })
  @Property({ type: "text" })
  instrument!: string;

  @Field(() => DataLevel)
  @Enum({ items: () => DataLevel })
  level!: DataLevel;

  @Field({
    description: "Data product type, e.g. visibilities, beamformed, image-cube, ionospheric-profile.",
  })
  @Property({ type: "text" })
  productType!: string;

  @Field({ description: "File format, e.g. MeasurementSet, HDF5, FITS, MATLAB." })
  @Property({ type: "text" })
  format!: string;

  @Field(() => GraphQLSafeInt, { description: "Total size, in bytes." })
  @Property({ type: new BigIntType("number") })
  sizeBytes: number = 0;

  @Field(() => Int)
  @Property({ type: "integer" })
  fileCount: number = 1;

  @Field(() => String, { nullable: true, description: "Checksum as algorithm:value, e.g. adler32:0a1b2c3d." })
  @Property({ type: "text", nullable: true })
  checksum?: string | null;

  @Field(() => Observation, { nullable: true })
  @Embedded({ entity: () => Observation, prefix: "observation_", nullable: true })
  observation?: Observation | null;

  @Field(() => AccessLevel)
  @Enum({ items: () => AccessLevel })
  access: AccessLevel = AccessLevel.VO;

  @Field(() => Date, {
    nullable: true,
    description: "Until this instant only the VO's members see the data.",
  })
  @Property({ type: "timestamptz", nullable: true })
  embargoUntil?: Date | null;

  /** Subject (OIDC sub) of the owner; in the API through DatasetResolver.owner (who may see it). */
  @Property({ type: "text" })
  owner!: string;

  @Field({ description: "Virtual organisation, e.g. vo.lofar.eu." })
  @Property({ type: "text" })
  vo!: string;

  /** Provenance: ids of the datasets this one was derived from (resolved by `derivedFrom`). */
  @Property({ type: "text[]" })
  derivedFromIds: string[] = [];

  @Field()
  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Field({ description: "When the record was last corrected." })
  @Property({ type: "timestamptz", onUpdate: () => new Date(), defaultRaw: "now()" })
  updatedAt: Date = new Date();

  /**
   * Full-text search (language-neutral 'simple' configuration): title weighs most (A), then the
   * observation's target and id (B), then the description (C). Kept by PostgreSQL itself.
   */
  @Index({ type: "fulltext" })
  @Property({
    type: new FullTextType("simple"),
    // Spelled as PostgreSQL prints it back, so the schema diff (test/migrations.test.ts) sees no change.
    generated: `(((setweight(to_tsvector('simple'::regconfig, COALESCE(title, ''::text)), 'A'::"char") || setweight(to_tsvector('simple'::regconfig, ((COALESCE(observation_target, ''::text) || ' '::text) || COALESCE(observation_observation_id, ''::text))), 'B'::"char")) || setweight(to_tsvector('simple'::regconfig, COALESCE(description, ''::text)), 'C'::"char"))) stored`,
    lazy: true,
    hidden: true,
    nullable: true,
  })
  searchVector?: string | null;
}
