import { Entity, Enum, Index, PrimaryKey, Property, OptionalProps } from "@mikro-orm/core";
import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { CertificationStatus, Infrastructure, SiteKind } from "./enums";

/**
 * A site as GOCDB knows it. The class is both the table row and the GraphQL type while
 * the two have the same shape (see docs/decisions/0002-entities-are-graphql-types.md).
 */
@ObjectType("Site", { description: "A resource centre of the infrastructure (GOCDB site)." })
@Directive('@key(fields: "id")')
@Entity({ tableName: "site" })
// sites(filter: ...) and placement at registry scale (10,000 sites) read these columns.
@Index({ name: "site_country_index", properties: ["country"] })
@Index({ name: "site_ngi_index", properties: ["ngi"] })
@Index({ name: "site_supported_vos_gin", properties: ["supportedVos"], type: "gin" })
export class Site {
  [OptionalProps]?: "scopes" | "supportedVos" | "version" | "createdAt" | "updatedAt";

  @Field(() => ID, { description: "GOCDB short name, e.g. CYFRONET-LCG2." })
  @PrimaryKey({ type: "text" })
  id!: string;

  @Field({ description: "Official (long) name." })
  @Property({ type: "text" })
  officialName!: string;

  @Field({ description: "National Grid Initiative, e.g. NGI_PL." })
  @Property({ type: "text" })
  ngi!: string;

  @Field({ description: "ISO 3166-1 alpha-2 country code." })
  @Property({ type: "text" })
  country!: string;

  @Field(() => Float, { nullable: true, description: "Latitude in decimal degrees (WGS84)." })
  @Property({ type: "double", nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: "Longitude in decimal degrees (WGS84)." })
  @Property({ type: "double", nullable: true })
  longitude?: number | null;

  @Field(() => CertificationStatus)
  @Enum({ items: () => CertificationStatus })
  certificationStatus!: CertificationStatus;

  @Field(() => Infrastructure)
  @Enum({ items: () => Infrastructure })
  infrastructure!: Infrastructure;

  @Field(() => SiteKind)
  @Enum({ items: () => SiteKind })
  kind!: SiteKind;

  @Field(() => [String], { description: "GOCDB scopes, e.g. EGI, wlcg, FedCloud." })
  @Property({ type: "text[]" })
  scopes: string[] = [];

  @Field(() => [String], { description: "Virtual organisations the site supports, e.g. vo.lofar.eu." })
  @Property({ type: "text[]" })
  supportedVos: string[] = [];

  @Field(() => String, { nullable: true })
  @Property({ type: "text", nullable: true })
  homeUrl?: string | null;

  @Field(() => Int, { description: "Record version; changes with every edit." })
  @Property({ type: "integer", version: true })
  version: number = 1;

  @Field()
  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
