/** The registry: sites filtered by capability and downtime, on a map and in a table. */
import { lazy, Suspense } from "react";
import { useQuery } from "urql";
import { Link, useLocation, useSearch } from "wouter";
import { ErrorNote, Loading } from "../components/ui";
import { graphql } from "../gql";
import type { SiteFilter, SiteKind } from "../gql/graphql";
import { usePageTitle } from "../lib/context";
import { describeError } from "../lib/graph";

const SiteMap = lazy(() => import("../components/SiteMap"));

const SitesQuery = graphql(`
  query Sites($filter: SiteFilter, $first: Int) {
    sites(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
          officialName
          country
          ngi
          kind
          certificationStatus
          latitude
          longitude
          inDowntime
          supportedVos
        }
      }
    }
  }
`);

const TEXT_FILTERS = [
  ["text", "Name or id"],
  ["vo", "Supports VO"],
  ["interface", "Compute interface"],
  ["software", "Has software"],
  ["platform", "Platform"],
  ["country", "Country (ISO code)"],
] as const;

export default function SitesPage() {
  usePageTitle("Sites");
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const filter: SiteFilter = {};
  for (const [name] of TEXT_FILTERS) if (params.get(name)) filter[name] = params.get(name);
  if (params.get("kind")) filter.kind = params.get("kind") as SiteKind;
  if (params.get("gpu")) filter.gpu = params.get("gpu") === "yes";
  if (params.get("downtime")) filter.inDowntime = params.get("downtime") === "yes";
  const [{ data, fetching, error }] = useQuery({ query: SitesQuery, variables: { filter, first: 250 } });
  const change = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    navigate(`/sites?${next}`, { replace: true });
  };
  const sites = data?.sites.edges.map((e) => e.node) ?? [];
  return (
    <>
      <h1 tabIndex={-1}>Sites</h1>
      <form className="filters" aria-label="Site filters" onSubmit={(e) => e.preventDefault()}>
        {TEXT_FILTERS.map(([name, label]) => (
          <div className="field" key={name}>
            <label htmlFor={`site-${name}`}>{label}</label>
            <input
              id={`site-${name}`}
              defaultValue={params.get(name) ?? ""}
              onBlur={(e) => change(name, e.target.value.trim())}
              onKeyDown={(e) => e.key === "Enter" && change(name, e.currentTarget.value.trim())}
            />
          </div>
        ))}
        <div className="field">
          <label htmlFor="site-kind">Kind</label>
          <select
            id="site-kind"
            value={params.get("kind") ?? ""}
            onChange={(e) => change("kind", e.target.value)}
          >
            <option value="">Any</option>
            <option value="HTC">HTC</option>
            <option value="HPC">HPC</option>
            <option value="CLOUD">Cloud</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="site-gpu">GPUs</label>
          <select
            id="site-gpu"
            value={params.get("gpu") ?? ""}
            onChange={(e) => change("gpu", e.target.value)}
          >
            <option value="">Any</option>
            <option value="yes">With GPUs</option>
            <option value="no">Without GPUs</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="site-downtime">Downtime now</label>
          <select
            id="site-downtime"
            value={params.get("downtime") ?? ""}
            onChange={(e) => change("downtime", e.target.value)}
          >
            <option value="">Any</option>
            <option value="yes">In downtime now</option>
            <option value="no">Not in downtime</option>
          </select>
        </div>
      </form>
      <ErrorNote error={describeError(error)} what="Sites could not be listed" />
      {fetching && !data ? <Loading what="sites" /> : null}
      {data ? (
        <>
          <Suspense fallback={<Loading what="the map" />}>
            <SiteMap sites={sites} />
          </Suspense>
          <table>
            <caption>{data.sites.totalCount} site(s)</caption>
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Country, NGI</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">VOs</th>
              </tr>
            </thead>
            <tbody>
              {sites.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link href={`/sites/${encodeURIComponent(s.id)}`}>{s.id}</Link>
                    <div className="muted">{s.officialName}</div>
                  </td>
                  <td>
                    {s.country}, {s.ngi}
                  </td>
                  <td>{s.kind}</td>
                  <td>
                    {s.certificationStatus}
                    {s.inDowntime ? ", in downtime now" : ""}
                  </td>
                  <td>{s.supportedVos.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
