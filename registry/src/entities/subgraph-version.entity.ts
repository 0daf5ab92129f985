import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * One published version of a subgraph: what was sent (routing URL, SDL), by whom, when, and,
 * when its checks found a breaking change that clients use, who approved it anyway. Rows are
 * never changed or deleted: they are the registry's history.
 */
@Entity({ tableName: "subgraph_version" })
@Index({ name: "subgraph_version_name_index", properties: ["name", "id"] })
export class SubgraphVersion {
  @PrimaryKey({ type: "integer", autoincrement: true })
  id!: number;

  @Property({ type: "text" })
  name: string;

  @Property({ type: "text" })
  url: string;

  @Property({ type: "text" })
  sdl: string;

  /** sha256 of the SDL: republishing what is live is recognised without comparing texts. */
  @Property({ type: "text" })
  sdlHash: string;

  /** The credential's principal: `subgraph:<name>` or `operator`. */
  @Property({ type: "text" })
  publishedBy: string;

  @Property({ type: "timestamptz" })
  publishedAt: Date = new Date();

  @Property({ type: "text", nullable: true })
  approvedBy: string | null = null;

  @Property({ type: "text", nullable: true })
  approvalReason: string | null = null;

  /** What the checks said (changes, their usage, lint warnings), as answered to the publisher. */
  @Property({ type: "jsonb", nullable: true })
  checks: unknown = null;

  constructor(fields: { name: string; url: string; sdl: string; sdlHash: string; publishedBy: string }) {
    this.name = fields.name;
    this.url = fields.url;
    this.sdl = fields.sdl;
    this.sdlHash = fields.sdlHash;
    this.publishedBy = fields.publishedBy;
  }
}
