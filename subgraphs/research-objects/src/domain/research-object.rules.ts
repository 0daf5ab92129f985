/**
 * What valid research object metadata is, checked in one place for create, update and import:
 * every problem is reported at once (kit Problems), each with its field.
 */
import spdxIds from "spdx-license-ids/index.json";
import { Problems } from "@gridgraph/kit";
import { isValidOrcid } from "./orcid";

const SPDX = new Set<string>(spdxIds as string[]);
const SPDX_LOWER = new Map([...SPDX].map((id) => [id.toLowerCase(), id]));

export interface CreatorFields {
  name: string;
  orcid?: string | null;
  affiliation?: string | null;
}

export interface MetadataFields {
  title?: string | null;
  description?: string | null;
  creators?: CreatorFields[] | null;
  keywords?: string[] | null;
  licence?: string | null;
}

/** An ORCID iD as given (bare, or as https://orcid.org/...) reduced to its bare form. */
export function bareOrcid(orcid: string): string {
  return orcid.trim().replace(/^https?:\/\/(www\.)?orcid\.org\//i, "");
}

/**
 * Checks the fields present in `input` (all of them when `complete`, as for a new object) and
 * returns them cleaned: trimmed, ORCID iDs bare, the licence in SPDX's own spelling.
 */
export function checkMetadata(input: MetadataFields, complete: boolean, problems = new Problems()) {
  const out: MetadataFields = {};
  if (complete || input.title !== undefined) {
    const title = input.title?.trim() ?? "";
    if (!title) problems.add("title", "'title' must not be empty.");
    else if (title.length > 500) problems.add("title", "'title' must be at most 500 characters.");
    out.title = title;
  }
  if (input.description !== undefined) out.description = input.description?.trim() || null;
  if (complete || input.creators !== undefined) {
    const creators = input.creators ?? [];
    if (creators.length > 500) problems.add("creators", "'creators' must name at most 500 people.");
    out.creators = creators.map((c, i) => {
      const name = c.name?.trim() ?? "";
      if (!name) problems.add(`creators.${i}.name`, `'creators[${i}].name' must not be empty.`);
      const orcid = c.orcid?.trim() ? bareOrcid(c.orcid) : null;
      if (orcid && !isValidOrcid(orcid))
        problems.add(
          `creators.${i}.orcid`,
          `'creators[${i}].orcid' is not a valid ORCID iD (16 digits in four groups, the last a check digit, e.g. 0000-0002-1825-0097): '${c.orcid}'.`,
        );
      return { name, orcid, affiliation: c.affiliation?.trim() || null };
    });
  }
  if (input.keywords !== undefined) {
    const keywords = [...new Set((input.keywords ?? []).map((k) => k.trim()).filter(Boolean))];
    if (keywords.length > 100) problems.add("keywords", "'keywords' must hold at most 100 keywords.");
    out.keywords = keywords;
  }
  if (input.licence !== undefined) {
    const given = input.licence?.trim() || null;
    const spdx = given ? (SPDX.has(given) ? given : SPDX_LOWER.get(given.toLowerCase())) : null;
    if (given && !spdx)
      problems.add(
        "licence",
        `'licence' must be an SPDX licence id (https://spdx.org/licenses/), e.g. CC-BY-4.0 or Apache-2.0; got '${given}'.`,
      );
    out.licence = spdx ?? given;
  }
  return out;
}

/**
 * An external resource's address: an http(s) URL, or a DOI (`10.1051/...`, `doi:10.1051/...`)
 * which becomes its https://doi.org/ URL. Null when it is neither.
 */
export function externalUrl(value: string): string | null {
  const text = value.trim();
  const doi = /^(doi:)?(10\.\d{4,9}\/\S+)$/i.exec(text);
  if (doi) return `https://doi.org/${doi[2]}`;
  try {
    const url = new URL(text);
    return ["http:", "https:"].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export const externalUrlProblem = (field: string, value: string) =>
  `'${field}' must be an http(s) URL or a DOI (e.g. 10.1051/0004-6361/201220873); got '${value}'.`;
