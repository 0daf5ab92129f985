import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * Which schema coordinates (`Type.field`, `Type.field.argument`) an operation of a client used
 * on a day, and how often: reported by the gateways, read by the breaking-change check.
 */
@Entity({ tableName: "operation_usage" })
@Index({ name: "operation_usage_coordinate_index", properties: ["coordinate", "day"] })
export class OperationUsage {
  @PrimaryKey({ type: "date" })
  day: string;

  @PrimaryKey({ type: "text" })
  clientName: string;

  @PrimaryKey({ type: "text" })
  operationName: string;

  @PrimaryKey({ type: "text" })
  coordinate: string;

  @Property({ type: "bigint" })
  count: string;

  constructor(fields: {
    day: string;
    clientName: string;
    operationName: string;
    coordinate: string;
    count: string;
  }) {
    this.day = fields.day;
    this.clientName = fields.clientName;
    this.operationName = fields.operationName;
    this.coordinate = fields.coordinate;
    this.count = fields.count;
  }
}
