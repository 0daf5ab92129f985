import { badInput } from "@gridgraph/kit";

export type Comparator = "=" | ">=" | ">" | "<=" | "<";
export interface VersionConstraint {
  op: Comparator;
  version: string;
}

const CONSTRAINT = /^(>=|<=|==|=|>|<)?\s*([0-9A-Za-z][0-9A-Za-z._+-]*)$/;

/** "5.0", ">=6.1", "<4", "==R2024a"; a bare version means "this version or a patch of it" (5.0 matches 5.0.3). */
export function parseVersionConstraint(text: string, field = "version"): VersionConstraint {
  const match = CONSTRAINT.exec(text.trim());
  if (!match)
    throw badInput(`'${field}' must be a version or a comparison such as >=5.0; got '${text}'.`, field);
  const op = (match[1] === "==" ? "=" : (match[1] ?? "=")) as Comparator;
  return { op, version: match[2] };
}

/** Compares dotted versions part by part: numbers numerically, other parts as text (R2023b < R2024a). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/);
  const pb = b.split(/[.+-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "0";
    const y = pb[i] ?? "0";
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y);
    if (c !== 0) return Math.sign(c);
  }
  return 0;
}

export function satisfiesVersion(
  available: string | null | undefined,
  constraint: VersionConstraint | null,
): boolean {
  if (!constraint) return true;
  if (!available) return false;
  const c = compareVersions(available, constraint.version);
  switch (constraint.op) {
    case "=": {
      // "5.0" accepts 5.0 and 5.0.x, not 5.1
      const want = constraint.version.split(".");
      const have = available.split(".");
      return c === 0 || want.every((part, i) => have[i] === part);
    }
    case ">=":
      return c >= 0;
    case ">":
      return c > 0;
    case "<=":
      return c <= 0;
    case "<":
      return c < 0;
  }
}
