/**
 * Rows read with plain SQL (placement's snapshot, the capability export read whole tables at
 * once, far faster than hydrating entities) in the shape of the entities' properties.
 */
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const TIMESTAMPS = new Set(["created_at", "updated_at", "starts_at", "ends_at"]);
/** Raw rows -> the entities' property names; timestamps (strings from the raw driver) -> Date. */
export function camelize<T>(rows: Record<string, unknown>[]): T[] {
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      out[camel(k)] = TIMESTAMPS.has(k) && v != null && !(v instanceof Date) ? new Date(v as string) : v;
    }
    return out as T;
  });
}
