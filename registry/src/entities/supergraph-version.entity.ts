import { Entity, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * One composed supergraph, numbered in the order it went live. The highest number is what
 * gateways are served. A rollback adds a new row carrying an earlier row's subgraph versions
 * and SDL, so history only ever grows and says what was live when.
 */
@Entity({ tableName: "supergraph_version" })
export class SupergraphVersion {
  @PrimaryKey({ type: "integer", autoincrement: true })
  version!: number;

  /** Content hash of the SDL: what gateways compare to see whether anything changed. */
  @Property({ type: "text" })
  supergraphId: string;

  @Property({ type: "text" })
  sdl: string;

  /** Subgraph name -> SubgraphVersion id composed into this supergraph. */
  @Property({ type: "jsonb" })
  subgraphVersions: Record<string, number>;

  /** Why it exists: `publish <name>` or `rollback to <version>`. */
  @Property({ type: "text" })
  reason: string;

  @Property({ type: "text" })
  createdBy: string;

  @Property({ type: "timestamptz" })
  composedAt: Date = new Date();

  constructor(fields: {
    supergraphId: string;
    sdl: string;
    subgraphVersions: Record<string, number>;
    reason: string;
    createdBy: string;
  }) {
    this.supergraphId = fields.supergraphId;
    this.sdl = fields.sdl;
    this.subgraphVersions = fields.subgraphVersions;
    this.reason = fields.reason;
    this.createdBy = fields.createdBy;
  }
}
