/**
 * A version CONFLICT, shown as what changed: for each field, what the user started from, what
 * the record holds now (someone else saved meanwhile), and what the user typed. A field only
 * the other person changed is taken from them; one only the user changed is kept; one both
 * changed differently is a clash the user decides.
 */
export type Values = Record<string, unknown>;

export interface FieldChange {
  field: string;
  original: unknown;
  current: unknown;
  mine: unknown;
  clash: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function conflictDiff(
  original: Values,
  current: Values,
  mine: Values,
  fields: string[],
): FieldChange[] {
  return fields
    .filter((field) => !same(original[field], current[field]))
    .map((field) => ({
      field,
      original: original[field],
      current: current[field],
      mine: mine[field],
      clash: !same(mine[field], original[field]) && !same(mine[field], current[field]),
    }));
}

/** The user's edit re-applied on the current record: their changes over the others'. */
export function rebase(original: Values, current: Values, mine: Values, fields: string[]): Values {
  return Object.fromEntries(
    fields.map((field) => [field, same(mine[field], original[field]) ? current[field] : mine[field]]),
  );
}

/** Only the fields the user changed, for an update input. */
export function changedFields(original: Values, mine: Values, fields: string[]): Values {
  return Object.fromEntries(fields.filter((f) => !same(original[f], mine[f])).map((f) => [f, mine[f]]));
}
