import escapeHtml from "escape-html";
import type { Creator } from "../entities";
import type { Citations } from "./citation";
import { doiUrl, orcidUrl, spdxUrl } from "./publication";

type CrateEntity = Record<string, unknown> & { "@id": string; "@type": string | string[] };
type CrateDocument = { "@graph": CrateEntity[] };

const h = (value: unknown) => escapeHtml(String(value ?? ""));
const idsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).map((v) => (v as { "@id": string })["@id"]);
const typesOf = (e: CrateEntity) => (Array.isArray(e["@type"]) ? e["@type"] : [e["@type"]]);

function bytes(n: number): string {
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

/**
 * The landing page's list of items, made from the RO-Crate (one source for both): datasets
 * with their size, format and where their bytes are; jobs with what they read and made;
 * papers, code and other resources with their links.
 */
export function itemsHtml(crate: CrateDocument): string {
  const byId = new Map(crate["@graph"].map((e) => [e["@id"], e]));
  const root = byId.get("./");
  const name = (id: string) => h((byId.get(id)?.name as string | undefined) ?? id);
  const link = (href: string, text: string) =>
    /^https?:\/\//.test(href) ? `<a href="${h(href)}">${text}</a>` : text;
  const parts = idsOf(root?.hasPart)
    .map((id) => byId.get(id))
    .filter((e): e is CrateEntity => !!e);
  const datasets = parts.filter((e) => typesOf(e).some((t) => t === "File" || t === "Dataset"));
  const others = parts.filter((e) => !datasets.includes(e));
  const papers = idsOf(root?.citation)
    .map((id) => byId.get(id))
    .filter((e): e is CrateEntity => !!e);
  const jobs = idsOf(root?.mentions)
    .map((id) => byId.get(id))
    .filter((e): e is CrateEntity => !!e);
  const section = (title: string, rows: string[]) =>
    rows.length ? `<section><h2>${title} (${rows.length})</h2><ul>${rows.join("")}</ul></section>` : "";
  return [
    section(
      "Datasets",
      datasets.map((d) => {
        const places = idsOf(d.contentLocation).map(name).join(", ");
        const urls = (d.contentUrl as string[] | undefined) ?? [];
        return `<li>${link(urls[0] ?? "", h(d.name))} <span class="meta">${h(d.encodingFormat)}, ${bytes(Number(d.contentSize ?? 0))}${places ? `, at ${places}` : ""}${d.checksum ? `, ${h(d.checksum)}` : ""}</span><br><code>${h(d.alternateName ?? d.identifier)}</code></li>`;
      }),
    ),
    section(
      "Jobs",
      jobs.map((j) => {
        const reads = idsOf(j.object).map(name).join(", ") || "nothing listed";
        const made = idsOf(j.result).map(name).join(", ") || "nothing listed";
        const where = idsOf(j.location).map(name).join(", ");
        return `<li><strong>${h(j.name)}</strong> <span class="meta">${name(idsOf(j.instrument)[0] ?? "")}${where ? ` at ${where}` : ""}${j.endTime ? `, finished ${h(j.endTime)}` : ""}</span><br>read: ${reads}<br>made: ${made}</li>`;
      }),
    ),
    section(
      "Publications",
      papers.map((p) => `<li>${link(p["@id"], h(p.name))}</li>`),
    ),
    section(
      "Software and other resources",
      others.map(
        (o) => `<li>${link(o["@id"], h(o.name))} <span class="meta">${h(typesOf(o).join(", "))}</span></li>`,
      ),
    ),
  ].join("\n");
}

export interface LandingPage {
  id: string;
  title: string;
  description?: string | null;
  creators: Creator[];
  keywords: string[];
  licence?: string | null;
  state: string;
  version: number;
  doi?: string | null;
  doiState?: string | null;
  publishedAt?: Date | null;
  archivedAt?: Date | null;
  landingUrl: string;
  versions: { id: string; version: number; doi?: string | null; state: string; publishedAt?: Date | null }[];
  itemsHtml: string;
  citations: Citations;
}

/** The HTML page a DOI resolves to: for people, with the same links machines get as Signposting. */
export function landingHtml(page: LandingPage): string {
  const base = page.landingUrl;
  const creators = page.creators
    .map(
      (c) =>
        `<li>${h(c.name)}${c.orcid ? ` <a href="${h(orcidUrl(c.orcid))}" aria-label="ORCID iD of ${h(c.name)}">${h(c.orcid)}</a>` : ""}${c.affiliation ? ` <span class="meta">(${h(c.affiliation)})</span>` : ""}</li>`,
    )
    .join("");
  const status =
    page.state === "LIVE"
      ? "LIVE: being assembled, may change"
      : page.state === "ARCHIVED"
        ? `Archived ${h(page.archivedAt?.toISOString().slice(0, 10))}: immutable`
        : `Version ${page.version}, published ${h(page.publishedAt?.toISOString().slice(0, 10))}: immutable`;
  const versions = page.versions
    .map(
      (v) =>
        `<li>${v.id === page.id ? "<strong>" : `<a href="${h(`./${encodeURIComponent(v.id)}`)}">`}version ${v.version}${v.id === page.id ? "</strong>" : "</a>"}${v.doi ? ` — <a href="${h(doiUrl(v.doi))}">${h(v.doi)}</a>` : ""} <span class="meta">${h(v.state)}${v.publishedAt ? `, ${h(v.publishedAt.toISOString().slice(0, 10))}` : ""}</span></li>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(page.title)}</title>
${page.doi ? `<link rel="cite-as" href="${h(doiUrl(page.doi))}">` : ""}
<link rel="describedby" type="application/ld+json" href="${h(`${base}/ro-crate-metadata.json`)}">
<link rel="describedby" type="application/vnd.datacite.datacite+json" href="${h(`${base}/datacite.json`)}">
${page.licence ? `<link rel="license" href="${h(spdxUrl(page.licence))}">` : ""}
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
.meta{color:#555;font-size:.9em} code,pre{background:#f4f4f4;padding:.1em .3em;overflow-x:auto}
.doi{font-size:1.1em} h2{border-bottom:1px solid #ddd;margin-top:2rem}
</style>
</head>
<body>
<main>
<p class="meta">Research object · ${status}</p>
<h1>${h(page.title)}</h1>
${page.doi ? `<p class="doi">DOI: <a href="${h(doiUrl(page.doi))}">${h(page.doi)}</a>${page.doiState && page.doiState !== "FINDABLE" ? ` <span class="meta">(${h(page.doiState.toLowerCase())})</span>` : ""}</p>` : ""}
<section aria-label="Creators"><ul>${creators}</ul></section>
${page.description ? `<p>${h(page.description)}</p>` : ""}
<p class="meta">${page.keywords.length ? `Keywords: ${page.keywords.map(h).join(", ")}. ` : ""}${page.licence ? `Licence: <a href="${h(spdxUrl(page.licence))}">${h(page.licence)}</a>.` : "No licence given."}</p>
${page.itemsHtml}
${versions ? `<section><h2>Versions</h2><ul>${versions}</ul></section>` : ""}
<section><h2>How to cite</h2>
${page.citations.apaHtml}
<details><summary>BibTeX</summary><pre>${h(page.citations.bibtex)}</pre></details>
</section>
<section><h2>Metadata</h2><ul>
<li><a href="${h(`${base}/ro-crate-metadata.json`)}">RO-Crate metadata</a> (JSON-LD, Process Run Crate)</li>
<li><a href="${h(`${base}/ro-crate.zip`)}">RO-Crate as a zip</a> (metadata and this page as its preview)</li>
<li><a href="${h(`${base}/datacite.json`)}">DataCite metadata</a> (JSON)</li>
<li><a href="${h(`${base}/citation.bib`)}">BibTeX</a></li>
</ul></section>
</main>
</body>
</html>
`;
}
