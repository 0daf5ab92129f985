import { ApiError } from "./errors";

/** One thing wrong with an input: the field (dotted path) and a sentence saying what would be accepted. */
export interface Problem {
  field: string;
  message: string;
}

/**
 * Collects every problem of an input so that all are reported at once; `throwIfAny` turns
 * them into one BAD_USER_INPUT error with `extensions.problems` (and `field`, the first).
 */
export class Problems {
  readonly list: Problem[] = [];
  add(field: string, message: string) {
    this.list.push({ field, message });
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  throwIfAny(what: string) {
    if (!this.list.length) return;
    const message =
      this.list.length === 1
        ? this.list[0].message
        : `${what}: ${this.list.length} problems. ${this.list.map((p) => p.message).join(" ")}`;
    throw new ApiError("BAD_USER_INPUT", message, { field: this.list[0].field, problems: this.list });
  }
}
