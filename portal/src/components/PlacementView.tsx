/**
 * A placement, explained: the ranked candidates with every term of their score, and every
 * rejected site with each reason in words, filterable by site, words or reason.
 */
import { useId, useState } from "react";
import { Link } from "wouter";
import { formatSeconds } from "../lib/format";

export interface PlacementShown {
  evaluatedSites: number;
  candidates: {
    rank: number;
    score: number;
    estimatedWaitSeconds?: number | null;
    site: { id: string; officialName: string };
    share: { name: string };
    endpoint: { url: string; interfaceName: string };
    reasons: { code: string; points: number; message: string }[];
  }[];
  rejected: { site: { id: string; officialName: string }; reasons: { code: string; message: string }[] }[];
}

export interface RejectionFilter {
  text: string;
  code: string;
}

/** The rejected sites a filter keeps: by site id or name or reason words, and by reason code. */
export function filterRejections(rejected: PlacementShown["rejected"], filter: RejectionFilter) {
  const text = filter.text.trim().toLowerCase();
  return rejected
    .map((r) => ({
      ...r,
      reasons: filter.code ? r.reasons.filter((x) => x.code === filter.code) : r.reasons,
    }))
    .filter((r) => r.reasons.length > 0)
    .filter(
      (r) =>
        !text ||
        r.site.id.toLowerCase().includes(text) ||
        r.site.officialName.toLowerCase().includes(text) ||
        r.reasons.some((x) => x.message.toLowerCase().includes(text)),
    );
}

/** "BASE +100, DATA_LOCAL +30": a candidate's score as the sum of its terms. */
export function scoreTerms(reasons: { code: string; points: number }[]): string {
  return reasons.map((r) => `${r.code} ${r.points >= 0 ? "+" : ""}${r.points}`).join(", ");
}

export function PlacementView({
  placement,
  chosenSite,
  onChoose,
}: {
  placement: PlacementShown;
  chosenSite?: string;
  onChoose?: (siteId: string) => void;
}) {
  const [filter, setFilter] = useState<RejectionFilter>({ text: "", code: "" });
  const id = useId();
  const codes = [...new Set(placement.rejected.flatMap((r) => r.reasons.map((x) => x.code)))].sort();
  const rejected = filterRejections(placement.rejected, filter);
  return (
    <div className="placement">
      <section aria-labelledby={`${id}-candidates`}>
        <h2 id={`${id}-candidates`}>
          Can run at {placement.candidates.length} of {placement.evaluatedSites} sites
        </h2>
        {placement.candidates.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Site</th>
                <th scope="col">Queue and endpoint</th>
                <th scope="col">Score</th>
                <th scope="col">Why this score</th>
                <th scope="col">Estimated wait</th>
                {onChoose ? <th scope="col">Run here</th> : null}
              </tr>
            </thead>
            <tbody>
              {placement.candidates.map((c) => (
                <tr
                  key={c.site.id + c.share.name}
                  className={chosenSite === c.site.id ? "chosen" : undefined}
                >
                  <td>{c.rank}</td>
                  <td>
                    <Link href={`/sites/${encodeURIComponent(c.site.id)}`}>{c.site.id}</Link>
                    <div className="muted">{c.site.officialName}</div>
                  </td>
                  <td>
                    {c.share.name}
                    <div className="muted">
                      {c.endpoint.interfaceName} {c.endpoint.url}
                    </div>
                  </td>
                  <td>{c.score}</td>
                  <td>
                    <ul className="terms">
                      {c.reasons.map((r) => (
                        <li key={r.code}>
                          <strong>
                            {r.points >= 0 ? "+" : ""}
                            {r.points}
                          </strong>{" "}
                          {r.message}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{formatSeconds(c.estimatedWaitSeconds)}</td>
                  {onChoose ? (
                    <td>
                      <input
                        type="radio"
                        name={`${id}-site`}
                        aria-label={`Run at ${c.site.id}`}
                        checked={chosenSite === c.site.id}
                        onChange={() => onChoose(c.site.id)}
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No site can run it: the reasons of every site are below.</p>
        )}
      </section>
      <section aria-labelledby={`${id}-rejected`}>
        <h2 id={`${id}-rejected`}>Cannot run at {placement.rejected.length} sites, and why</h2>
        <div className="filters">
          <div className="field">
            <label htmlFor={`${id}-text`}>Filter by site or words</label>
            <input
              id={`${id}-text`}
              type="search"
              value={filter.text}
              onChange={(e) => setFilter({ ...filter, text: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-code`}>Reason</label>
            <select
              id={`${id}-code`}
              value={filter.code}
              onChange={(e) => setFilter({ ...filter, code: e.target.value })}
            >
              <option value="">Any reason</option>
              {codes.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p role="status" className="muted">
          Showing {rejected.length} of {placement.rejected.length} rejected sites.
        </p>
        <ul className="rejections">
          {rejected.map((r) => (
            <li key={r.site.id} aria-label={`Rejected: ${r.site.id}`}>
              <Link href={`/sites/${encodeURIComponent(r.site.id)}`}>{r.site.id}</Link>{" "}
              <span className="muted">{r.site.officialName}</span>
              <ul>
                {r.reasons.map((x, i) => (
                  <li key={i}>
                    {x.message} <span className="code">{x.code}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
