/** Small pieces every page uses: errors in words, parts that can be down, labelled fields. */
import { useId, type ReactNode } from "react";
import type { ShownError } from "../lib/graph";

/** An error from the graph, in words, near what caused it, with the request id for support. */
export function ErrorNote({ error, what }: { error: ShownError | null; what?: string }) {
  if (!error) return null;
  return (
    <div className="error" role="alert">
      <p>
        {what ? `${what}: ` : ""}
        {error.message}
      </p>
      <p className="muted">
        {error.code ? `Code ${error.code}. ` : ""}
        {error.requestId ? `Request id ${error.requestId} (give it to support).` : ""}
      </p>
    </div>
  );
}

/**
 * A part of a page fed by one service. When that service is down, its fields come back null
 * with the gateway's error: the part is greyed out with the message, the rest of the page works.
 */
export function Part({
  title,
  errors,
  children,
  level = 2,
}: {
  title: string;
  errors?: string[];
  children: ReactNode;
  level?: 2 | 3;
}) {
  const id = useId();
  const Heading = level === 2 ? "h2" : "h3";
  const down = errors && errors.length > 0;
  return (
    <section
      aria-labelledby={id}
      className={down ? "part part-down" : "part"}
      aria-disabled={down || undefined}
    >
      <Heading id={id}>{title}</Heading>
      {down ? (
        <p role="status" className="part-message">
          Unavailable: {errors.join(" ")}
        </p>
      ) : (
        children
      )}
    </section>
  );
}

/** A labelled control with its own problem (from the graph's per-field problems) under it. */
export function Field({
  label,
  problem,
  hint,
  children,
}: {
  label: string;
  problem?: string;
  hint?: string;
  children: (props: { id: string; "aria-invalid"?: boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [problem ? `${id}-problem` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ");
  return (
    <div className={problem ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        "aria-invalid": problem ? true : undefined,
        "aria-describedby": describedBy || undefined,
      })}
      {hint ? (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      ) : null}
      {problem ? (
        <p id={`${id}-problem`} className="problem">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" aria-live="polite" className="muted">
      Loading {what}…
    </p>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status.toLowerCase()}`}>{status}</span>;
}

/** Finds the problem for `field` among an error's per-field problems (matching the last segment). */
export function problemFor(
  problems: { field: string; message: string }[],
  field: string,
): string | undefined {
  return (
    problems
      .filter(
        (p) => p.field === field || p.field.endsWith(`.${field}`) || p.field.split(/[.[]/).pop() === field,
      )
      .map((p) => p.message)
      .join(" ") || undefined
  );
}

/**
 * A page whose main record did not come: "not found" only when the graph says so; when a service
 * did not answer (down, or too slow on a busy machine), it says that, and offers to try again.
 */
export function NotLoaded({
  what,
  error,
  retry,
}: {
  what: string;
  error: ShownError | null;
  retry: () => void;
}) {
  const unavailable = Boolean(error && (!error.code || error.code === "SUBGRAPH_UNAVAILABLE"));
  return (
    <>
      <h1 tabIndex={-1}>{unavailable ? `The ${what} could not be loaded` : `No such ${what}`}</h1>
      <ErrorNote error={error} />
      {unavailable ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : (
        <p>There is no {what} with this id that you may see.</p>
      )}
    </>
  );
}
