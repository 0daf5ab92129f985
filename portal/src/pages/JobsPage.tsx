/** Jobs you may see (yours; a VO manager's VO's), newest first, by status, by collection. */
import { useQuery } from "urql";
import { Link, useLocation, useSearch } from "wouter";
import { ErrorNote, Loading, StatusBadge } from "../components/ui";
import { graphql } from "../gql";
import type { JobFilter, JobStatus } from "../gql/graphql";
import { usePageTitle } from "../lib/context";
import { formatTime } from "../lib/format";
import { describeError } from "../lib/graph";

const JobsQuery = graphql(`
  query Jobs($filter: JobFilter, $first: Int) {
    jobs(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
          name
          status
          vo
          owner
          submittedAt
          queue
          site {
            id
          }
          collection {
            id
            name
          }
        }
      }
    }
  }
`);

const STATUSES: JobStatus[] = [
  "SUBMITTED",
  "STAGING",
  "QUEUED",
  "RUNNING",
  "COMPLETED",
  "FAILED",
  "CANCELLED",
  "HELD",
];

export default function JobsPage() {
  usePageTitle("Jobs");
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const filter: JobFilter = {};
  const status = params.get("status");
  if (status) filter.status = status as JobStatus;
  if (params.get("collection")) filter.collectionId = params.get("collection");
  if (params.get("ids")) filter.ids = params.get("ids")!.split(",");
  const [{ data, fetching, error }] = useQuery({
    query: JobsQuery,
    variables: { filter, first: 100 },
    requestPolicy: "cache-and-network",
  });
  const change = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    navigate(`/jobs?${next}`, { replace: true });
  };
  return (
    <>
      <h1 tabIndex={-1}>Jobs</h1>
      <div className="filters">
        <div className="field">
          <label htmlFor="job-status">Status</label>
          <select id="job-status" value={status ?? ""} onChange={(e) => change("status", e.target.value)}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        {filter.collectionId || filter.ids ? (
          <button type="button" onClick={() => navigate("/jobs")}>
            Show all my jobs
          </button>
        ) : null}
      </div>
      <ErrorNote error={describeError(error)} what="Jobs could not be listed" />
      {fetching && !data ? <Loading what="jobs" /> : null}
      {data ? <p>{data.jobs.totalCount} job(s).</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Status</th>
            <th scope="col">Where</th>
            <th scope="col">VO</th>
            <th scope="col">Submitted</th>
          </tr>
        </thead>
        <tbody>
          {data?.jobs.edges.map(({ node }) => (
            <tr key={node.id}>
              <td>
                <Link href={`/jobs/${node.id}`}>{node.name}</Link>
                {node.collection ? <div className="muted">in {node.collection.name}</div> : null}
              </td>
              <td>
                <StatusBadge status={node.status} />
              </td>
              <td>
                {node.site?.id ?? "not placed"}
                {node.queue ? ` / ${node.queue}` : ""}
              </td>
              <td>{node.vo}</td>
              <td>{formatTime(node.submittedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
