/** Field-level changes, as kept in Site.history: { field: { before, after } }. */
export type Changes = Record<string, { before: unknown; after: unknown }>;

/**
 * Applies `patch` to `target` and returns what really changed. Undefined patch values are
 * skipped; null and undefined count as the same value; arrays and dates compare by content.
 */
export function applyChanges(target: object, patch: Record<string, unknown>): Changes {
  const changes: Changes = {};
  const record = target as Record<string, unknown>;
  for (const [key, after] of Object.entries(patch)) {
    if (after === undefined) continue;
    const before = record[key];
    if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) continue;
    changes[key] = { before: before ?? null, after };
    record[key] = after;
  }
  return changes;
}

/** A record's own fields, as history shows them: without its id and the site reference. */
export function recordFields(record: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(([k, v]) => k !== "site" && k !== "id" && typeof v !== "function"),
  );
}

/** The history entry of a removed record: every field's value before, null after. */
export function removalChanges(record: object): Changes {
  return Object.fromEntries(
    Object.entries(recordFields(record)).map(([k, v]) => [k, { before: v ?? null, after: null }]),
  );
}
