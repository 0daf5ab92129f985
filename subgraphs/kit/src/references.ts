/**
 * Entities with a visibility rule (Dataset, Job, ResearchObject) carry a second key, `ref`,
 * hidden from the API (`@inaccessible`) and equal to `id`. Other subgraphs point at them and
 * contribute fields to them through `ref` only, so they never know the entity's `id`: a
 * selection of `{ id }` on a reference is answered by the owning subgraph, which applies its
 * rule (a hidden entity comes back null). Were the referencing subgraph's stub keyed by `id`,
 * the gateway would answer `{ id }` from the stub and reveal hidden ids.
 */
export const REF_KEY = '@key(fields: "ref")';

/** How a subgraph that is not the owner refers to an entity with a visibility rule. */
export interface EntityRef {
  ref: string;
}

export const toRef = (id: string): EntityRef => ({ ref: id });

/** A non-owner's `__resolveReference`: the stub is the key itself. */
export const refStub = (representation: EntityRef): EntityRef => toRef(representation.ref);

/** An owner's `__resolveReference` gets either key. */
export const idOf = (representation: { id?: string; ref?: string }): string =>
  representation.id ?? representation.ref ?? "";
