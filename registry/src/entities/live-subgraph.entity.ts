import { Entity, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * Which version of each subgraph is live: what the next publish of another subgraph composes
 * with. Kept apart from the supergraph history because subgraphs are live (and stored) before
 * every expected one has arrived and a first supergraph exists.
 */
@Entity({ tableName: "live_subgraph" })
export class LiveSubgraph {
  @PrimaryKey({ type: "text" })
  name: string;

  @Property({ type: "integer" })
  subgraphVersion: number;

  constructor(name: string, subgraphVersion: number) {
    this.name = name;
    this.subgraphVersion = subgraphVersion;
  }
}
