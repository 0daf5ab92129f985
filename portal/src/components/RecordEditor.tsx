/**
 * An administrator's edit of one versioned registry record (a site, a queue): labelled fields,
 * the graph's problems shown at each field, what was typed kept after a refusal, and a version
 * CONFLICT shown as what changed meanwhile, with the choice to re-apply one's own edit on the
 * new version or to take the new version.
 */
import { useState } from "react";
import { changedFields, conflictDiff, rebase, type Values } from "../lib/conflict";
import type { ShownError } from "../lib/graph";
import { ErrorNote, Field, problemFor } from "./ui";

export interface EditorField {
  name: string;
  label: string;
  kind: "int" | "float" | "text" | "list" | "select";
  options?: string[];
  hint?: string;
}

type Draft = Record<string, string>;

const toText = (value: unknown) =>
  Array.isArray(value) ? value.join(", ") : value == null ? "" : String(value);

function fromText(field: EditorField, text: string): unknown {
  const trimmed = text.trim();
  if (field.kind === "list")
    return trimmed
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (trimmed === "") return null;
  if (field.kind === "int" || field.kind === "float") return Number(trimmed);
  return trimmed;
}

export function RecordEditor({
  title,
  fields,
  record,
  save,
  reload,
  onDone,
}: {
  title: string;
  fields: EditorField[];
  record: Values & { version: number };
  /** Saves the changed fields against `expectedVersion`; resolves to the refusal, if any. */
  save: (changes: Values, expectedVersion: number) => Promise<ShownError | null>;
  /** The record as it is now (after a CONFLICT). */
  reload: () => Promise<(Values & { version: number }) | null>;
  onDone: () => void;
}) {
  const names = fields.map((f) => f.name);
  const [base, setBase] = useState(record);
  const [draft, setDraft] = useState<Draft>(() =>
    Object.fromEntries(fields.map((f) => [f.name, toText(record[f.name])])),
  );
  const [refusal, setRefusal] = useState<ShownError | null>(null);
  const [conflict, setConflict] = useState<{ current: Values & { version: number }; mine: Values } | null>(
    null,
  );
  const [saving, setSaving] = useState(false);
  const mine = (): Values =>
    Object.fromEntries(fields.map((f) => [f.name, fromText(f, draft[f.name] ?? "")]));

  const submit = async () => {
    setSaving(true);
    setRefusal(null);
    const values = mine();
    const refused = await save(changedFields(base, values, names), base.version);
    if (refused?.code === "CONFLICT") {
      const current = await reload();
      if (current) setConflict({ current, mine: values });
      setRefusal(refused);
    } else if (refused) {
      setRefusal(refused);
    } else {
      onDone();
    }
    setSaving(false);
  };

  const reapply = () => {
    if (!conflict) return;
    const rebased = rebase(base, conflict.current, conflict.mine, names);
    setBase(conflict.current);
    setDraft(Object.fromEntries(fields.map((f) => [f.name, toText(rebased[f.name])])));
    setConflict(null);
    setRefusal(null);
  };
  const takeTheirs = () => {
    if (!conflict) return;
    setBase(conflict.current);
    setDraft(Object.fromEntries(fields.map((f) => [f.name, toText(conflict.current[f.name])])));
    setConflict(null);
    setRefusal(null);
  };

  const problems = refusal?.problems ?? [];
  return (
    <form className="editor stack" onSubmit={(e) => (e.preventDefault(), void submit())} aria-label={title}>
      <h3>{title}</h3>
      <div className="grid">
        {fields.map((f) => (
          <Field key={f.name} label={f.label} hint={f.hint} problem={problemFor(problems, f.name)}>
            {(p) =>
              f.kind === "select" ? (
                <select
                  {...p}
                  value={draft[f.name]}
                  onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })}
                >
                  {f.options!.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...p}
                  inputMode={f.kind === "int" ? "numeric" : f.kind === "float" ? "decimal" : undefined}
                  value={draft[f.name]}
                  onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })}
                />
              )
            }
          </Field>
        ))}
      </div>
      {conflict ? (
        <div className="conflict" role="alert">
          <p>
            Someone saved this record while you were editing it (now version {conflict.current.version}). What
            changed:
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">When you started</th>
                <th scope="col">Now</th>
                <th scope="col">Yours</th>
              </tr>
            </thead>
            <tbody>
              {conflictDiff(base, conflict.current, conflict.mine, names).map((c) => (
                <tr key={c.field} className={c.clash ? "clash" : undefined}>
                  <th scope="row">{fields.find((f) => f.name === c.field)?.label}</th>
                  <td>{toText(c.original)}</td>
                  <td>{toText(c.current)}</td>
                  <td>
                    {toText(c.mine)}
                    {c.clash ? " (both changed)" : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={reapply}>
            Apply my changes to the new version
          </button>{" "}
          <button type="button" onClick={takeTheirs}>
            Discard my changes
          </button>
        </div>
      ) : (
        <ErrorNote error={refusal} what="Not saved" />
      )}
      <button type="submit" disabled={saving || Boolean(conflict)}>
        {saving ? "Saving…" : "Save"}
      </button>{" "}
      <button type="button" onClick={onDone}>
        Close
      </button>
    </form>
  );
}
