/**
 * Find data: full-text search (debounced as you type; the previous request is cancelled),
 * facets with counts, observation-time filters, pages of results, and the basket. The filter
 * lives in the address, so a search can be reloaded, shared, and returned to after signing in.
 */
import { useEffect, useState } from "react";
import { useQuery } from "urql";
import { Link, useLocation, useSearch } from "wouter";
import { ErrorNote, Loading } from "../components/ui";
import { graphql } from "../gql";
import type { DatasetFilter } from "../gql/graphql";
import { basket, useBasket } from "../lib/basket";
import { usePageTitle } from "../lib/context";
import { formatBytes, formatTime } from "../lib/format";
import { describeError } from "../lib/graph";

const SearchQuery = graphql(`
  query SearchDatasets($filter: DatasetFilter, $first: Int, $after: String, $sort: DatasetSort) {
    datasets(filter: $filter, first: $first, after: $after, sort: $sort) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          community
          level
          instrument
          format
          access
          sizeBytes
          observation {
            target
            startTime
          }
          replicas {
            id
            state
            site {
              id
            }
          }
        }
      }
    }
    datasetFacets(filter: $filter) {
      totalCount
      community {
        value
        count
      }
      level {
        value
        count
      }
      instrument {
        value
        count
      }
      format {
        value
        count
      }
      access {
        value
        count
      }
      site {
        value
        count
      }
      replicaState {
        value
        count
      }
    }
  }
`);

const PAGE_SIZE = 20;
/** The facets, in the order shown, with the filter field each sets. */
const FACETS = [
  ["community", "Community"],
  ["level", "Level"],
  ["instrument", "Instrument"],
  ["format", "Format"],
  ["access", "Access"],
  ["site", "Site"],
  ["replicaState", "Replica state"],
] as const;
type FacetName = (typeof FACETS)[number][0];

/** The search's state as address parameters, and the graph's filter made from them. */
export function filterFromParams(params: URLSearchParams): DatasetFilter {
  const filter: DatasetFilter = {};
  const text = params.get("q")?.trim();
  if (text) filter.text = text;
  const set = <K extends keyof DatasetFilter>(key: K, value: DatasetFilter[K] | undefined) => {
    if (value !== undefined && value !== null && value !== "") filter[key] = value;
  };
  set("community", (params.get("community") ?? undefined) as DatasetFilter["community"]);
  set("level", (params.get("level") ?? undefined) as DatasetFilter["level"]);
  set("instrument", params.get("instrument") ?? undefined);
  set("format", params.get("format") ?? undefined);
  set("access", (params.get("access") ?? undefined) as DatasetFilter["access"]);
  const site = params.get("site");
  if (site) filter.siteIds = [site];
  const state = params.get("replicaState");
  if (state) filter.replicaStates = [state as NonNullable<DatasetFilter["replicaStates"]>[number]];
  const from = params.get("from");
  if (from) filter.observedFrom = new Date(from + "T00:00:00Z").toISOString();
  const to = params.get("to");
  if (to) filter.observedTo = new Date(to + "T23:59:59Z").toISOString();
  return filter;
}

export function SearchPage() {
  usePageTitle("Find data");
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const [typed, setTyped] = useState(params.get("q") ?? "");
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setCursors([null]);
    navigate(`/?${next.toString()}`, { replace: true });
  };
  // Search as you type: the address (and so the query) changes 300 ms after the last key.
  useEffect(() => {
    if (typed === (params.get("q") ?? "")) return;
    const timer = setTimeout(() => update({ q: typed }), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const filter = filterFromParams(params);
  const after = cursors[cursors.length - 1];
  const [{ data, fetching, error }] = useQuery({
    query: SearchQuery,
    variables: {
      filter,
      first: PAGE_SIZE,
      after,
      sort: filter.text
        ? { field: "RELEVANCE", direction: "DESC" }
        : { field: "OBSERVED", direction: "DESC" },
    },
  });
  const ids = useBasket();
  const shown = describeError(error);
  const total = data?.datasets.totalCount ?? 0;
  const page = cursors.length;
  return (
    <>
      <h1 tabIndex={-1}>Find data</h1>
      <form role="search" className="search" onSubmit={(e) => (e.preventDefault(), update({ q: typed }))}>
        <label htmlFor="search-text">Search datasets</label>
        <input
          id="search-text"
          type="search"
          value={typed}
          placeholder='e.g. ELAIS-N1, "LINC calibration", -L0'
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit">Search</button>
      </form>
      <div className="with-sidebar">
        <aside aria-label="Filters" className="facets">
          <h2>Filters</h2>
          {FACETS.map(([name, label]) => (
            <FacetSelect
              key={name}
              name={name}
              label={label}
              value={params.get(name) ?? ""}
              counts={data?.datasetFacets[name] ?? []}
              onChange={(value) => update({ [name]: value })}
            />
          ))}
          <div className="field">
            <label htmlFor="observed-from">Observed from</label>
            <input
              id="observed-from"
              type="date"
              value={params.get("from") ?? ""}
              onChange={(e) => update({ from: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="observed-to">Observed until</label>
            <input
              id="observed-to"
              type="date"
              value={params.get("to") ?? ""}
              onChange={(e) => update({ to: e.target.value })}
            />
          </div>
          <button type="button" onClick={() => (setTyped(""), navigate("/", { replace: true }))}>
            Clear filters
          </button>
        </aside>
        <section aria-labelledby="results-heading" className="results" aria-busy={fetching}>
          <h2 id="results-heading">
            {data ? `${total} dataset${total === 1 ? "" : "s"}` : "Results"}
            {data && total > PAGE_SIZE ? `, page ${page} of ${Math.ceil(total / PAGE_SIZE)}` : ""}
          </h2>
          <ErrorNote error={shown} what="Search failed" />
          {!data && fetching ? <Loading what="datasets" /> : null}
          <ul className="cards">
            {data?.datasets.edges.map(({ node }) => {
              const inBasket = ids.includes(node.id);
              const sites = [...new Set(node.replicas.map((r) => r.site?.id).filter(Boolean))];
              return (
                <li key={node.id} className="card">
                  <h3>
                    <Link href={`/datasets/${encodeURIComponent(node.id)}`}>{node.title}</Link>
                  </h3>
                  <p className="muted">
                    {node.community} · {node.level} · {node.instrument} · {node.format} · {node.access} ·{" "}
                    {formatBytes(node.sizeBytes)}
                    {node.observation?.target ? ` · ${node.observation.target}` : ""}
                    {node.observation?.startTime
                      ? ` · observed ${formatTime(node.observation.startTime)}`
                      : ""}
                  </p>
                  <p className="muted">
                    {sites.length ? `At ${sites.join(", ")}` : "No replica"} (
                    {node.replicas.map((r) => r.state).join(", ") || "none"})
                  </p>
                  <button
                    type="button"
                    aria-pressed={inBasket}
                    aria-label={`${inBasket ? "Remove from" : "Add to"} basket: ${node.title}`}
                    onClick={() => (inBasket ? basket.remove(node.id) : basket.add(node.id))}
                  >
                    {inBasket ? "In basket (remove)" : "Add to basket"}
                  </button>
                </li>
              );
            })}
          </ul>
          <nav aria-label="Result pages" className="pager">
            <button type="button" disabled={page === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              Previous page
            </button>
            <button
              type="button"
              disabled={!data?.datasets.pageInfo.hasNextPage}
              onClick={() => setCursors([...cursors, data!.datasets.pageInfo.endCursor ?? null])}
            >
              Next page
            </button>
          </nav>
        </section>
      </div>
    </>
  );
}

function FacetSelect({
  name,
  label,
  value,
  counts,
  onChange,
}: {
  name: FacetName;
  label: string;
  value: string;
  counts: { value: string; count: number }[];
  onChange: (value: string) => void;
}) {
  const id = `facet-${name}`;
  const known = counts.some((c) => c.value === value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {value && !known ? <option value={value}>{value}</option> : null}
        {counts.map((c) => (
          <option key={c.value} value={c.value}>
            {c.value} ({c.count})
          </option>
        ))}
      </select>
    </div>
  );
}
