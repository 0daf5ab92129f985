/**
 * LDIF as a BDII dumps it (RFC 2849 subset): entries separated by blank lines, `attr: value`,
 * `attr:: base64`, continuation lines starting with one space (line folding), `#` comments,
 * and multi-valued attributes as repeated lines.
 */
export interface LdifEntry {
  dn: string;
  /** attribute name (as written) -> values, in order */
  attributes: Map<string, string[]>;
  line: number;
}

export class LdifSyntaxError extends Error {}

export function parseLdif(text: string): LdifEntry[] {
  // Unfold first: a line starting with a single space continues the previous one.
  const physical = text.replace(/\r\n/g, "\n").split("\n");
  const logical: { text: string; line: number }[] = [];
  physical.forEach((raw, i) => {
    if (raw.startsWith(" ") && logical.length && logical[logical.length - 1].text !== "") {
      logical[logical.length - 1].text += raw.slice(1);
    } else logical.push({ text: raw, line: i + 1 });
  });
  const entries: LdifEntry[] = [];
  let current: LdifEntry | null = null;
  for (const { text: l, line } of logical) {
    if (l.trim() === "") {
      if (current) entries.push(current);
      current = null;
      continue;
    }
    if (l.startsWith("#") || /^version:\s*1$/i.test(l)) continue;
    const match = /^([A-Za-z][A-Za-z0-9;-]*)(::?)\s?(.*)$/.exec(l);
    if (!match)
      throw new LdifSyntaxError(`LDIF line ${line}: expected 'attribute: value', got '${l.slice(0, 60)}'.`);
    const [, name, sep, raw] = match;
    const value = sep === "::" ? Buffer.from(raw, "base64").toString("utf8") : raw;
    if (name.toLowerCase() === "dn") {
      if (current) entries.push(current);
      current = { dn: value, attributes: new Map(), line };
      continue;
    }
    if (!current) throw new LdifSyntaxError(`LDIF line ${line}: attribute '${name}' before any 'dn:' line.`);
    const list = current.attributes.get(name) ?? [];
    list.push(value);
    current.attributes.set(name, list);
  }
  if (current) entries.push(current);
  return entries;
}
