/**
 * LDIF as BDIIs and their tools print it (RFC 2849 content records): entries separated by
 * blank lines, `attr: value`, `attr:: base64`, continuation lines starting with one space,
 * `#` comments, multi-valued attributes as repeated lines. Also what real dumps add around
 * that: `ldapsearch` without `-LLL` (`version: 1`, `# ...` comments, and its `search:` /
 * `result:` trailer), info providers that print `version: 1` + `changetype: add` before each
 * entry with no blank line in between, and dumps whose every continuation line is indented by
 * one space too many (copied out of indented documentation).
 */
export interface LdifEntry {
  dn: string;
  /** attribute name (as written) -> values, in order */
  attributes: Map<string, string[]>;
  line: number;
}

export class LdifSyntaxError extends Error {}

export interface ParsedLdif {
  entries: LdifEntry[];
  /** What was read leniently (a trailer, an over-indented folding), for the import report. */
  notes: string[];
}

export function parseLdif(text: string): LdifEntry[] {
  return readLdif(text).entries;
}

export function readLdif(text: string): ParsedLdif {
  const notes: string[] = [];
  const physical = text.replace(/\r\n?/g, "\n").split("\n");
  // Continuation lines are indented by exactly one space; a dump whose every continuation line
  // starts with two was indented once more as a whole (the first line of an entry is not).
  const continuations = physical.filter((l, i) => i > 0 && /^ /.test(l) && physical[i - 1] !== "");
  const extra = continuations.length > 0 && continuations.every((l) => l.startsWith("  ")) ? 2 : 1;
  if (extra === 2) notes.push("Every continuation line is indented by two spaces; read as one fold each.");
  const logical: { text: string; line: number }[] = [];
  physical.forEach((raw, i) => {
    if (raw.startsWith(" ") && logical.length && logical[logical.length - 1].text !== "") {
      logical[logical.length - 1].text += raw.slice(extra);
    } else logical.push({ text: raw, line: i + 1 });
  });
  const entries: LdifEntry[] = [];
  let current: LdifEntry | null = null;
  let trailer = false;
  const close = () => {
    if (current) entries.push(current);
    current = null;
  };
  for (const { text: l, line } of logical) {
    if (l.trim() === "") {
      close();
      continue;
    }
    if (l.startsWith("#")) continue;
    const match = /^([A-Za-z][A-Za-z0-9;-]*)(::?)\s?(.*)$/.exec(l);
    if (!match)
      throw new LdifSyntaxError(`LDIF line ${line}: expected 'attribute: value', got '${l.slice(0, 60)}'.`);
    const [, name, sep, raw] = match;
    const lower = name.toLowerCase();
    const value = sep === "::" ? Buffer.from(raw, "base64").toString("utf8") : raw;
    if (lower === "version" && /^\s*1\s*$/.test(value)) {
      close(); // a new record follows, blank line or not
      continue;
    }
    if (!current && (lower === "search" || lower === "result" || lower === "ref")) {
      // ldapsearch's own lines after the entries: "search: 2", "result: 0 Success".
      if (!trailer) notes.push(`ldapsearch's trailer from line ${line} skipped.`);
      trailer = true;
      if (lower === "result" && !/^0\b/.test(value))
        throw new LdifSyntaxError(`LDIF line ${line}: the search that made this dump failed ('${value}').`);
      continue;
    }
    if (lower === "dn") {
      close();
      current = { dn: value, attributes: new Map(), line };
      continue;
    }
    if (!current) throw new LdifSyntaxError(`LDIF line ${line}: attribute '${name}' before any 'dn:' line.`);
    if (lower === "changetype") {
      if (value.trim().toLowerCase() !== "add")
        throw new LdifSyntaxError(
          `LDIF line ${line}: 'changetype: ${value}' is a change, not an entry; only whole entries can be imported.`,
        );
      continue;
    }
    const entry: LdifEntry = current;
    const list = entry.attributes.get(name) ?? [];
    list.push(value);
    entry.attributes.set(name, list);
  }
  close();
  return { entries, notes };
}

/**
 * The value of each `type=value` of a DN, by type in lower case, nearest first: where an entry
 * sits in the tree says what it belongs to when its foreign keys do not (DNs use `GLUE2ServiceID`
 * or `GLUE2ServiceId` alike; RDN values rarely contain escaped commas, which are honoured).
 */
export function dnParts(dn: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const rdn of dn.split(/(?<!\\),/)) {
    const eq = rdn.indexOf("=");
    if (eq < 0) continue;
    const type = rdn.slice(0, eq).replace(/\s+/g, "").toLowerCase();
    const value = rdn
      .slice(eq + 1)
      .trim()
      .replace(/\\,/g, ",");
    if (!parts.has(type)) parts.set(type, value);
  }
  return parts;
}

/**
 * Entries as LDIF text (what `ldapsearch -LLL` prints): values that LDIF cannot carry as they
 * are (leading space, colon or '<', line breaks, non-ASCII) are base64 (`attr:: ...`).
 */
export function formatLdif(entries: { dn: string; attributes: Record<string, string[]> }[]): string {
  // RFC 2849 SAFE-STRING: ASCII without NUL, CR, LF; not starting with space, ':' or '<'; and,
  // as ldapsearch does, not ending with a space.
  const safe = (v: string) =>
    ![" ", ":", "<"].includes(v[0]) &&
    !v.endsWith(" ") &&
    [...v].every((c) => {
      const code = c.charCodeAt(0);
      return code > 0 && code < 128 && code !== 10 && code !== 13;
    });
  const line = (name: string, value: string) =>
    value === "" || safe(value)
      ? `${name}: ${value}`
      : `${name}:: ${Buffer.from(value, "utf8").toString("base64")}`;
  return entries
    .map((e) =>
      [
        line("dn", e.dn),
        ...Object.entries(e.attributes).flatMap(([name, values]) => values.map((v) => line(name, v))),
      ].join("\n"),
    )
    .join("\n\n")
    .concat("\n");
}
