/**
 * How to cite a research object, in APA and BibTeX, made by Citation.js from one CSL-JSON
 * record (citation-js ships no types: the little used here is typed below).
 */
import { createRequire } from "node:module";
import { doiUrl, issuedOf, type Publication } from "./publication";

const load = createRequire(__filename);
type CiteInstance = { format(kind: string, options?: Record<string, unknown>): string };
let Cite: (new (data: unknown) => CiteInstance) | undefined;
let parseName: ((name: string) => Record<string, string>) | undefined;

function citationJs() {
  if (!Cite) {
    Cite = (load("@citation-js/core") as { Cite: typeof Cite }).Cite;
    load("@citation-js/plugin-bibtex");
    load("@citation-js/plugin-csl");
    parseName = (load("@citation-js/name") as { parse: typeof parseName }).parse;
  }
  return { Cite: Cite!, parseName: parseName! };
}

export interface Citations {
  apa: string;
  apaHtml: string;
  bibtex: string;
}

export function citationsOf(p: Pick<Publication, "ro" | "publisher" | "landingUrl">): Citations {
  const { Cite, parseName } = citationJs();
  const record = {
    id: p.ro.doi ?? p.ro.id,
    type: "dataset",
    title: p.ro.title,
    author: p.ro.creators.map((c) => {
      const name = parseName(c.name);
      return name.family ? name : { literal: c.name };
    }),
    issued: { "date-parts": [[issuedOf(p).getUTCFullYear()]] },
    publisher: p.publisher,
    version: String(p.ro.version),
    ...(p.ro.doi ? { DOI: p.ro.doi } : {}),
    URL: p.ro.doi ? doiUrl(p.ro.doi) : p.landingUrl,
    ...(p.ro.keywords.length ? { keyword: p.ro.keywords.join(", ") } : {}),
  };
  const cite = new Cite(record);
  return {
    apa: cite.format("bibliography", { template: "apa", format: "text" }).trim(),
    apaHtml: cite.format("bibliography", { template: "apa", format: "html" }).trim(),
    bibtex: cite.format("bibtex").trim(),
  };
}
