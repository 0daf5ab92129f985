/** The basket: selected datasets, their total size and where they are, and what to do with them. */
import { useQuery } from "urql";
import { Link } from "wouter";
import { RunNotebookForm, StartSessionButton } from "../components/NotebookForms";
import { ErrorNote, Loading, StatusBadge } from "../components/ui";
import { graphql } from "../gql";
import { basket, useBasket } from "../lib/basket";
import { summariseBasket } from "../lib/basket-summary";
import { usePageTitle } from "../lib/context";
import { formatBytes } from "../lib/format";
import { describeError } from "../lib/graph";

export const BasketQuery = graphql(`
  query Basket($ids: [ID!]!, $first: Int!) {
    datasets(filter: { ids: $ids }, first: $first) {
      edges {
        node {
          id
          title
          level
          sizeBytes
          vo
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
  }
`);

export default function BasketPage() {
  usePageTitle("Basket");
  const ids = useBasket();
  const [{ data, fetching, error }] = useQuery({
    query: BasketQuery,
    variables: { ids, first: Math.max(ids.length, 1) },
    pause: !ids.length,
  });
  const datasets = data?.datasets.edges.map((e) => e.node) ?? [];
  const summary = summariseBasket(datasets);
  const missing = data ? ids.filter((id) => !datasets.some((d) => d.id === id)) : [];
  return (
    <>
      <h1 tabIndex={-1}>Basket</h1>
      {!ids.length ? (
        <p>
          The basket is empty. <Link href="/">Find data</Link> and add datasets to it.
        </p>
      ) : null}
      <ErrorNote error={describeError(error)} what="The basket could not be read" />
      {fetching && !data ? <Loading what="the basket" /> : null}
      {datasets.length ? (
        <>
          <p>
            {datasets.length} dataset{datasets.length === 1 ? "" : "s"}, {formatBytes(summary.totalBytes)} in
            total.
          </p>
          <ul className="cards">
            {datasets.map((d) => (
              <li key={d.id} className="card">
                <Link href={`/datasets/${encodeURIComponent(d.id)}`}>{d.title}</Link> ({d.level},{" "}
                {formatBytes(d.sizeBytes)}){" "}
                {d.replicas.map((r) => (
                  <span key={r.id}>
                    {r.site?.id} <StatusBadge status={r.state} />{" "}
                  </span>
                ))}
                <button
                  type="button"
                  aria-label={`Remove from basket: ${d.title}`}
                  onClick={() => basket.remove(d.id)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <h2>Where the data is</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Datasets there</th>
                <th scope="col">On disk</th>
                <th scope="col">On tape</th>
              </tr>
            </thead>
            <tbody>
              {summary.sites.map((s) => (
                <tr key={s.siteId}>
                  <td>
                    <Link href={`/sites/${encodeURIComponent(s.siteId)}`}>{s.siteId}</Link>
                  </td>
                  <td>
                    {s.datasets} of {datasets.length}
                  </td>
                  <td>{s.online}</td>
                  <td>{s.nearline}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Use the basket</h2>
          <ul className="actions">
            <li>
              <Link href="/run">Where can a pipeline over it run?</Link>
            </li>
            <li>
              <Link href={`/research-objects?new=1&datasets=${ids.map(encodeURIComponent).join(",")}`}>
                Publish it in a research object
              </Link>
            </li>
            <li>
              <button type="button" onClick={() => basket.clear()}>
                Empty the basket
              </button>
            </li>
          </ul>
          <h2>Notebooks</h2>
          <StartSessionButton datasetIds={ids} />
          <RunNotebookForm datasetIds={ids} what={`the ${ids.length} dataset(s) in the basket`} />
        </>
      ) : null}
      {missing.length ? (
        <p role="status">
          {missing.length} dataset(s) in the basket are no longer visible to you and were left out.{" "}
          <button type="button" onClick={() => missing.forEach((id) => basket.remove(id))}>
            Remove them
          </button>
        </p>
      ) : null}
    </>
  );
}
