import { Entity, Enum, JsonType, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import { DoiState } from "./enums";

/**
 * A DOI of the embedded minter (the default when DataCite is not configured): the same states
 * as DataCite, under the configured prefix. The primary key is what makes a DOI unique: the
 * minter can never issue one twice.
 */
@Entity({ tableName: "doi_record" })
export class DoiRecord {
  [OptionalProps]?: "createdAt" | "updatedAt" | "attributes" | "url";

  @PrimaryKey({ type: "text" })
  doi!: string;

  @Enum({ items: () => DoiState })
  state!: DoiState;

  @Property({ type: "text", nullable: true })
  url?: string | null;

  /** The DataCite attributes last registered. */
  @Property({ type: JsonType, nullable: true })
  attributes?: Record<string, unknown> | null;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Property({ type: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
