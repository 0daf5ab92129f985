/**
 * A research object's descriptive metadata: title, description, creators (name, ORCID iD,
 * affiliation; as many as needed), licence (SPDX id) and keywords. Problems the graph reports
 * are shown at the field they concern; what was typed is kept.
 */
import { Field, problemFor } from "./ui";

export interface CreatorDraft {
  name: string;
  orcid: string;
  affiliation: string;
}

export interface MetadataDraft {
  title: string;
  description: string;
  creators: CreatorDraft[];
  licence: string;
  keywords: string;
}

export const LICENCES = [
  "CC-BY-4.0",
  "CC0-1.0",
  "CC-BY-SA-4.0",
  "CC-BY-NC-4.0",
  "MIT",
  "Apache-2.0",
  "GPL-3.0-or-later",
];

/** The draft as the graph's input: empty optional values left out, keywords split. */
export function metadataInput(draft: MetadataDraft) {
  return {
    title: draft.title,
    description: draft.description || undefined,
    creators: draft.creators
      .filter((c) => c.name.trim() || c.orcid.trim())
      .map((c) => ({
        name: c.name.trim(),
        ...(c.orcid.trim() ? { orcid: c.orcid.trim() } : {}),
        ...(c.affiliation.trim() ? { affiliation: c.affiliation.trim() } : {}),
      })),
    licence: draft.licence || undefined,
    keywords: draft.keywords
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean),
  };
}

export function MetadataFields({
  draft,
  onChange,
  problems,
}: {
  draft: MetadataDraft;
  onChange: (draft: MetadataDraft) => void;
  problems: { field: string; message: string }[];
}) {
  const set = (change: Partial<MetadataDraft>) => onChange({ ...draft, ...change });
  const setCreator = (i: number, change: Partial<CreatorDraft>) =>
    set({ creators: draft.creators.map((c, j) => (i === j ? { ...c, ...change } : c)) });
  const creatorProblem = (i: number, field: string) =>
    problems
      .filter((p) => p.field === `creators.${i}.${field}` || p.field === `creators[${i}].${field}`)
      .map((p) => p.message)
      .join(" ") || undefined;
  return (
    <>
      <Field label="Title" problem={problemFor(problems, "title")}>
        {(p) => (
          <input {...p} value={draft.title} required onChange={(e) => set({ title: e.target.value })} />
        )}
      </Field>
      <Field label="Description" problem={problemFor(problems, "description")}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        )}
      </Field>
      <fieldset>
        <legend>Creators</legend>
        {problems.some((p) => p.field === "creators") ? (
          <p className="problem">{problemFor(problems, "creators")}</p>
        ) : null}
        {draft.creators.map((c, i) => (
          <div key={i} className="creator" role="group" aria-label={`Creator ${i + 1}`}>
            <Field label={`Creator ${i + 1} name`} problem={creatorProblem(i, "name")}>
              {(p) => (
                <input {...p} value={c.name} onChange={(e) => setCreator(i, { name: e.target.value })} />
              )}
            </Field>
            <Field
              label={`Creator ${i + 1} ORCID iD`}
              hint="e.g. 0000-0002-1825-0097"
              problem={creatorProblem(i, "orcid")}
            >
              {(p) => (
                <input {...p} value={c.orcid} onChange={(e) => setCreator(i, { orcid: e.target.value })} />
              )}
            </Field>
            <Field label={`Creator ${i + 1} affiliation`} problem={creatorProblem(i, "affiliation")}>
              {(p) => (
                <input
                  {...p}
                  value={c.affiliation}
                  onChange={(e) => setCreator(i, { affiliation: e.target.value })}
                />
              )}
            </Field>
            <button
              type="button"
              disabled={draft.creators.length === 1}
              onClick={() => set({ creators: draft.creators.filter((_, j) => j !== i) })}
            >
              Remove creator {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => set({ creators: [...draft.creators, { name: "", orcid: "", affiliation: "" }] })}
        >
          Add a creator
        </button>
      </fieldset>
      <Field label="Licence (SPDX)" problem={problemFor(problems, "licence")}>
        {(p) => (
          <>
            <input
              {...p}
              list="licences"
              value={draft.licence}
              onChange={(e) => set({ licence: e.target.value })}
            />
            <datalist id="licences">
              {LICENCES.map((l) => (
                <option key={l} value={l} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label="Keywords" hint="Comma-separated" problem={problemFor(problems, "keywords")}>
        {(p) => <input {...p} value={draft.keywords} onChange={(e) => set({ keywords: e.target.value })} />}
      </Field>
    </>
  );
}
