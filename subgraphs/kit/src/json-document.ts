import { parse as locateJsonErrors, printParseErrorCode, type ParseError } from "jsonc-parser";

/**
 * JSON that people send us (GLUE 2.0 documents, notebooks, RO-Crates) is often long and
 * hand-edited; V8's "at position 891" (or no position at all) does not help anyone find a stray
 * backslash. The error says where, as line and column, the way the LDIF and XML readers do.
 */
export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

/** JSON.parse, failing with a JsonSyntaxError that names the line and column (1-based). */
export function parseJsonDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // jsonc-parser locates every syntax error; strict JSON: no comments, no trailing commas.
    const found: ParseError[] = [];
    locateJsonErrors(text, found, { disallowComments: true, allowTrailingComma: false });
    const first = found[0];
    const offset = first ? first.offset : text.length;
    const reason = first ? printParseErrorCode(first.error) : (error as Error).message;
    const before = text.slice(0, offset).split("\n");
    throw new JsonSyntaxError(before.length, before[before.length - 1].length + 1, reason);
  }
}
