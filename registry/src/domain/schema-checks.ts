import { Supergraph } from "@apollo/federation-internals";
import { CriticalityLevel, diff } from "@graphql-inspector/core";
import {
  Kind,
  parse,
  type DefinitionNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type InputValueDefinitionNode,
} from "graphql";

/**
 * The checks a subgraph publish goes through after composition (pure: schemas and usage in,
 * a report out). Changes are found on the supergraphs' API schemas, what clients of the
 * gateway see, so a change hidden by @inaccessible or absorbed by another subgraph's field
 * is no change. Each change is then weighed against what clients really sent (usage the
 * gateways report): a breaking change nobody used in the window is safe to ship, one that
 * somebody used names them.
 */

export type Severity = "BREAKING" | "DANGEROUS" | "SAFE";

export interface UsageRow {
  client: string;
  operation: string;
  coordinate: string;
  count: number;
}

export interface SchemaChange {
  /** What the change means for clients, after usage was taken into account. */
  severity: Severity;
  /** What the schema diff alone says. */
  schemaSeverity: Severity;
  type: string;
  message: string;
  /** Schema coordinate the change is on (`Type`, `Type.field`, `Type.field.argument`). */
  path: string | null;
  /** Operations (by client) that used what changed in the usage window; most used first. */
  usedBy: { client: string; operation: string; count: number }[];
}

export interface CheckReport {
  changes: SchemaChange[];
  /** Breaking changes that operations used: a publish is refused unless approved. */
  blocking: SchemaChange[];
  warnings: string[];
}

const SEVERITY: Record<CriticalityLevel, Severity> = {
  [CriticalityLevel.Breaking]: "BREAKING",
  [CriticalityLevel.Dangerous]: "DANGEROUS",
  [CriticalityLevel.NonBreaking]: "SAFE",
};

/** The schema clients of a gateway serving this supergraph see. */
export function apiSchema(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** Every difference between two supergraphs' API schemas, classified by the schema alone. */
export async function diffSupergraphs(before: string, after: string): Promise<SchemaChange[]> {
  const changes = await diff(apiSchema(before), apiSchema(after));
  return changes.map((change) => {
    const severity = SEVERITY[change.criticality.level];
    return {
      severity,
      schemaSeverity: severity,
      type: change.type,
      message: change.message,
      path: change.path ?? null,
      usedBy: [],
    };
  });
}

/**
 * Whether an operation that used `coordinate` is affected by a change at `path`: the same
 * coordinate, anything inside a changed type (`Site` covers `Site.name`), or a changed
 * argument of a used field (`Query.sites.vo` affects every user of `Query.sites`, since an
 * argument made required or retyped breaks calls that did not pass it too).
 */
export function affects(path: string, coordinate: string): boolean {
  return coordinate === path || coordinate.startsWith(`${path}.`) || path.startsWith(`${coordinate}.`);
}

/** The type names whose usage a set of changes needs (what the usage query selects by). */
export function changedTypes(changes: SchemaChange[]): string[] {
  return [...new Set(changes.flatMap((c) => (c.path ? [c.path.split(".")[0]] : [])))];
}

/** Weighs each change against recorded usage (`windowDays` is only for the wording). */
export function weighChanges(changes: SchemaChange[], usage: UsageRow[], windowDays: number): CheckReport {
  const warnings: string[] = [];
  const weighed = changes.map((change) => {
    const users = new Map<string, { client: string; operation: string; count: number }>();
    if (change.path)
      for (const row of usage) {
        if (!affects(change.path, row.coordinate)) continue;
        const key = `${row.client}\u0000${row.operation}`;
        const seen = users.get(key) ?? { client: row.client, operation: row.operation, count: 0 };
        // One operation touching several affected coordinates counts its busiest one.
        seen.count = Math.max(seen.count, row.count);
        users.set(key, seen);
      }
    const usedBy = [...users.values()].sort((a, b) => b.count - a.count);
    let severity = change.schemaSeverity;
    if (severity === "BREAKING" && usedBy.length === 0) {
      severity = "SAFE";
      warnings.push(
        `${change.message}: breaking, but no client used ${change.path ?? "it"} in the last ${windowDays} days.`,
      );
    }
    return { ...change, severity, usedBy };
  });
  return { changes: weighed, blocking: weighed.filter((c) => c.severity === "BREAKING"), warnings };
}

/** One line per blocking change naming who would break, for refusals and the CLI. */
export function describeBlocking(blocking: SchemaChange[]): string[] {
  return blocking.map((change) => {
    const users = change.usedBy
      .slice(0, 5)
      .map((u) => `operation '${u.operation}' of client '${u.client}' (${u.count} times)`)
      .join(", ");
    const more = change.usedBy.length > 5 ? ` and ${change.usedBy.length - 5} more` : "";
    return `${change.message}: used by ${users}${more}.`;
  });
}

// Schema lint: warnings only, on the subgraph's own definitions.

const FEDERATION_TYPES = new Set([
  "_Service",
  "_Entity",
  "_Any",
  "FieldSet",
  "link__Import",
  "link__Purpose",
]);
const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const UPPER = /^[A-Z][A-Z0-9_]*$/;

/**
 * Lint rules for a subgraph SDL: every type and field has a description (frontends build
 * their help from them); types are PascalCase, fields and arguments camelCase, enum values
 * UPPER_CASE. Returned as warnings; they never refuse a publish.
 */
export function lintSubgraphSdl(sdl: string): string[] {
  const warnings: string[] = [];
  const document = parse(sdl);
  const fields = (
    owner: string,
    list: readonly (FieldDefinitionNode | InputValueDefinitionNode)[] | undefined,
  ) => {
    for (const field of list ?? []) {
      const name = field.name.value;
      if (name.startsWith("_")) continue; // federation's _entities, _service
      if (!CAMEL.test(name)) warnings.push(`${owner}.${name}: field names are camelCase.`);
      if (!field.description) warnings.push(`${owner}.${name} has no description.`);
      if (field.kind === Kind.FIELD_DEFINITION)
        for (const arg of field.arguments ?? [])
          if (!CAMEL.test(arg.name.value))
            warnings.push(`${owner}.${name}(${arg.name.value}): argument names are camelCase.`);
    }
  };
  for (const definition of document.definitions as DefinitionNode[]) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.UNION_TYPE_DEFINITION:
      case Kind.SCALAR_TYPE_DEFINITION: {
        const name = definition.name.value;
        if (FEDERATION_TYPES.has(name)) break;
        const root = name === "Query" || name === "Mutation" || name === "Subscription";
        if (!PASCAL.test(name)) warnings.push(`${name}: type names are PascalCase.`);
        if (!root && "description" in definition && !definition.description)
          warnings.push(`${name} has no description.`);
        if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
          for (const value of definition.values ?? [])
            if (!UPPER.test(value.name.value))
              warnings.push(`${name}.${value.name.value}: enum values are UPPER_CASE.`);
        } else if ("fields" in definition)
          fields(name, definition.fields as FieldDefinitionNode[] | undefined);
        break;
      }
      default:
        break;
    }
  }
  return warnings;
}
