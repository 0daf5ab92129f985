/**
 * A dataset: its metadata, where it came from (the provenance chain), its replicas with their
 * state and site, the jobs that read or made it, and the research objects it is in. Each part
 * comes from the service that owns it and is greyed out alone when that service is down.
 */
import { useQuery } from "urql";
import { Link } from "wouter";
import { Loading, NotLoaded, Part, StatusBadge } from "../components/ui";
import { graphql } from "../gql";
import { basket, useBasket } from "../lib/basket";
import { usePageTitle } from "../lib/context";
import { formatBytes, formatTime } from "../lib/format";
import { describeError, errorsAt } from "../lib/graph";

const DatasetQuery = graphql(`
  query DatasetPage($id: ID!) {
    dataset(id: $id) {
      id
      lfn
      title
      description
      community
      instrument
      level
      productType
      format
      sizeBytes
      fileCount
      checksum
      access
      embargoUntil
      vo
      owner
      createdAt
      observation {
        observationId
        target
        startTime
        endTime
        frequencyMinMhz
        frequencyMaxMhz
        antennaSet
      }
      replicas {
        id
        state
        storageUrl
        path
        sizeBytes
        site {
          id
          officialName
        }
      }
      derivedFrom {
        id
        title
        level
        derivedFrom {
          id
          title
          level
          derivedFrom {
            id
            title
            level
          }
        }
      }
      producedBy {
        id
        name
        status
      }
      consumedBy(first: 20) {
        totalCount
        edges {
          node {
            id
            name
            status
            submittedAt
          }
        }
      }
      researchObjects(first: 20) {
        totalCount
        edges {
          node {
            id
            title
            state
            doi
          }
        }
      }
    }
  }
`);

interface Ancestor {
  id: string;
  title: string;
  level: string;
  derivedFrom?: Ancestor[];
}

function Provenance({ parents }: { parents: Ancestor[] }) {
  if (!parents.length) return null;
  return (
    <ul>
      {parents.map((p) => (
        <li key={p.id}>
          <Link href={`/datasets/${encodeURIComponent(p.id)}`}>{p.title}</Link> ({p.level})
          <Provenance parents={p.derivedFrom ?? []} />
        </li>
      ))}
    </ul>
  );
}

export default function DatasetPage({ id }: { id: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: DatasetQuery, variables: { id } });
  const ids = useBasket();
  const dataset = data?.dataset;
  usePageTitle(dataset?.title ?? "Dataset");
  if (!data && fetching) return <Loading what="the dataset" />;
  if (!dataset)
    return (
      <NotLoaded
        what="dataset"
        error={describeError(error)}
        retry={() => refetch({ requestPolicy: "network-only" })}
      />
    );
  const inBasket = ids.includes(dataset.id);
  const obs = dataset.observation;
  return (
    <>
      <h1 tabIndex={-1}>{dataset.title}</h1>
      <p>
        <button
          type="button"
          aria-pressed={inBasket}
          onClick={() => (inBasket ? basket.remove(id) : basket.add(id))}
        >
          {inBasket ? "In basket (remove)" : "Add to basket"}
        </button>
      </p>
      {dataset.description ? <p>{dataset.description}</p> : null}
      <dl className="facts">
        <dt>Identifier</dt>
        <dd>{dataset.id}</dd>
        <dt>Logical file name</dt>
        <dd>{dataset.lfn}</dd>
        <dt>Community / VO</dt>
        <dd>
          {dataset.community} / {dataset.vo}
        </dd>
        <dt>Level, product, format</dt>
        <dd>
          {dataset.level}, {dataset.productType}, {dataset.format}
        </dd>
        <dt>Instrument</dt>
        <dd>{dataset.instrument}</dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(dataset.sizeBytes)} in {dataset.fileCount} file{dataset.fileCount === 1 ? "" : "s"}
        </dd>
        <dt>Access</dt>
        <dd>
          {dataset.access}
          {dataset.embargoUntil ? `, embargoed until ${formatTime(dataset.embargoUntil)}` : ""}
        </dd>
        {obs ? (
          <>
            <dt>Observation</dt>
            <dd>
              {[obs.observationId, obs.target, obs.antennaSet].filter(Boolean).join(", ")}
              {obs.startTime ? `; ${formatTime(obs.startTime)} to ${formatTime(obs.endTime)}` : ""}
              {obs.frequencyMinMhz != null ? `; ${obs.frequencyMinMhz}-${obs.frequencyMaxMhz} MHz` : ""}
            </dd>
          </>
        ) : null}
        <dt>Checksum</dt>
        <dd>{dataset.checksum ?? "none recorded"}</dd>
      </dl>
      <Part title="Produced by" errors={errorsAt(error, ["dataset", "producedBy"], "jobs")}>
        {dataset.producedBy ? (
          <p>
            Job <Link href={`/jobs/${dataset.producedBy.id}`}>{dataset.producedBy.name}</Link> (
            {dataset.producedBy.status})
          </p>
        ) : (
          <p>No job of this graph made it.</p>
        )}
      </Part>
      <Part title="Provenance" errors={errorsAt(error, ["dataset", "derivedFrom"], "datasets")}>
        {dataset.derivedFrom.length ? (
          <>
            <p>Derived from:</p>
            <Provenance parents={dataset.derivedFrom as Ancestor[]} />
          </>
        ) : (
          <p>Raw data: derived from no other dataset.</p>
        )}
      </Part>
      <Part title="Replicas" errors={errorsAt(error, ["dataset", "replicas"], "datasets")}>
        <table>
          <caption className="visually-hidden">Replicas of this dataset</caption>
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">State</th>
              <th scope="col">Storage</th>
              <th scope="col">Size</th>
            </tr>
          </thead>
          <tbody>
            {dataset.replicas.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.site ? (
                    <Link href={`/sites/${encodeURIComponent(r.site.id)}`}>{r.site.id}</Link>
                  ) : (
                    "unknown site"
                  )}
                </td>
                <td>
                  <StatusBadge status={r.state} />
                </td>
                <td>
                  <code>
                    {r.storageUrl}
                    {r.path}
                  </code>
                </td>
                <td>{formatBytes(r.sizeBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Part>
      <Part title="Jobs that used it" errors={errorsAt(error, ["dataset", "consumedBy"], "jobs")}>
        {dataset.consumedBy?.edges.length ? (
          <ul>
            {dataset.consumedBy.edges.map(({ node }) => (
              <li key={node.id}>
                <Link href={`/jobs/${node.id}`}>{node.name}</Link> <StatusBadge status={node.status} />
              </li>
            ))}
          </ul>
        ) : (
          <p>No job has read it.</p>
        )}
      </Part>
      <Part
        title="Research objects it is in"
        errors={errorsAt(error, ["dataset", "researchObjects"], "research-objects")}
      >
        {dataset.researchObjects?.edges.length ? (
          <ul>
            {dataset.researchObjects.edges.map(({ node }) => (
              <li key={node.id}>
                <Link href={`/research-objects/${node.id}`}>{node.title}</Link> ({node.state}
                {node.doi ? `, DOI ${node.doi}` : ""})
              </li>
            ))}
          </ul>
        ) : (
          <p>In no research object.</p>
        )}
      </Part>
    </>
  );
}
