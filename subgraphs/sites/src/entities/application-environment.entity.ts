import { Entity, Property, OptionalProps } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { SitePart } from "./site-part";

@ObjectType({ description: "GLUE2 ApplicationEnvironment: software offered on the site's nodes." })
@Entity({ tableName: "application_environment" })
export class ApplicationEnvironment extends SitePart {
  [OptionalProps]?: "id" | "siteId";

  @Field({ description: "Name, e.g. lofar.cvmfs, apptainer, MATLAB." })
  @Property({ type: "text" })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: "text", nullable: true })
  version?: string | null;
}
