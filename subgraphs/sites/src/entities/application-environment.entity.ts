import { Entity, Index, Property, OptionalProps, Unique } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { SitePart } from "./site-part";

@ObjectType({ description: "GLUE2 ApplicationEnvironment: software offered on the site's nodes." })
@Entity({ tableName: "application_environment" })
// The natural key is name + version, where no version is one value (hence coalesce).
@Unique({
  name: "application_environment_site_name_version_unique",
  expression:
    'create unique index "application_environment_site_name_version_unique" on "application_environment" ("site_id", "name", coalesce("version", \'\'))',
})
// sites(filter: { software }) matches names case-insensitively.
@Index({
  name: "application_environment_lower_name_site_id_index",
  expression:
    'create index "application_environment_lower_name_site_id_index" on "application_environment" (lower("name"), "site_id")',
})
export class ApplicationEnvironment extends SitePart {
  [OptionalProps]?: "id" | "siteId";

  @Field({ description: "Name, e.g. lofar.cvmfs, apptainer, MATLAB." })
  @Property({ type: "text" })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: "text", nullable: true })
  version?: string | null;
}
