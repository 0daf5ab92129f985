import { Entity, Enum, Property, OptionalProps, Unique } from "@mikro-orm/core";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { AccessLatency } from "./enums";
import { SitePart } from "./site-part";

@ObjectType({ description: "GLUE2 StorageEndpoint." })
@Entity({ tableName: "storage_endpoint" })
// The natural key: two administrators adding the same endpoint at once end in one CONFLICT.
@Unique({ name: "storage_endpoint_site_url_unique", properties: ["site", "url"] })
export class StorageEndpoint extends SitePart {
  [OptionalProps]?:
    "id" | "siteId" | "protocols" | "accessLatency" | "totalCapacity" | "freeCapacity" | "vos" | "version";

  @Field({ description: "Endpoint URL, e.g. davs://webdav.grid.surfsara.nl:2880." })
  @Property({ type: "text" })
  url!: string;

  @Field(() => [String], { description: "Access protocols: https, webdav, xroot, s3, gsiftp, srm." })
  @Property({ type: "text[]" })
  protocols: string[] = [];

  @Field(() => AccessLatency)
  @Enum({ items: () => AccessLatency })
  accessLatency: AccessLatency = AccessLatency.ONLINE;

  @Field(() => Float, { description: "Total capacity, in TB." })
  @Property({ type: "double" })
  totalCapacity: number = 0;

  @Field(() => Float, { description: "Free capacity, in TB." })
  @Property({ type: "double" })
  freeCapacity: number = 0;

  @Field(() => [String])
  @Property({ type: "text[]" })
  vos: string[] = [];

  @Field(() => Int, { description: "Record version; an update must name the version it was based on." })
  @Property({ type: "integer", version: true })
  version: number = 1;
}
