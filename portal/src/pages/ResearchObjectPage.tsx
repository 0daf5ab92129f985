/**
 * A research object: what it holds, its metadata (editable while LIVE), previews of the
 * RO-Crate and DataCite metadata a snapshot will publish, snapshot with a DOI, the DOI's state
 * and the landing page it resolves to.
 */
import { useEffect, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Link, useLocation } from "wouter";
import { MetadataFields, metadataInput, type MetadataDraft } from "../components/MetadataForm";
import { ErrorNote, Loading, Part, NotLoaded } from "../components/ui";
import { graphql } from "../gql";
import { useAuth, usePageTitle } from "../lib/context";
import { formatTime } from "../lib/format";
import { describeError, errorsAt } from "../lib/graph";

const ResearchObjectQuery = graphql(`
  query ResearchObjectPage($id: ID!) {
    researchObject(id: $id) {
      id
      title
      description
      creators {
        name
        orcid
        affiliation
      }
      keywords
      licence
      state
      version
      doi
      doiState
      doiProblem
      publishedAt
      vo
      owner
      landingPage
      published
      citation {
        apa
      }
      parent {
        id
        title
      }
      versions(first: 20) {
        edges {
          node {
            id
            version
            state
            doi
          }
        }
      }
      datasets {
        id
        title
      }
      jobs {
        id
        name
        status
      }
      externalResources {
        url
        title
        resourceType
      }
    }
  }
`);

const UpdateResearchObject = graphql(`
  mutation UpdateResearchObject($id: ID!, $input: UpdateResearchObjectInput!) {
    updateResearchObject(id: $id, input: $input) {
      researchObject {
        id
        title
        description
        licence
        keywords
        creators {
          name
          orcid
          affiliation
        }
      }
    }
  }
`);

/** Built from the items through the other services: asked for only when previewed. */
const DataciteQuery = graphql(`
  query ResearchObjectDatacite($id: ID!) {
    researchObject(id: $id) {
      id
      dataciteMetadata
    }
  }
`);

const SnapshotResearchObject = graphql(`
  mutation SnapshotResearchObject($id: ID!) {
    snapshotResearchObject(id: $id) {
      researchObject {
        id
        doi
        doiState
        doiProblem
      }
    }
  }
`);

const PublishDoi = graphql(`
  mutation PublishResearchObjectDoi($id: ID!) {
    publishResearchObjectDoi(id: $id) {
      researchObject {
        id
        doi
        doiState
        doiProblem
      }
    }
  }
`);

export default function ResearchObjectPage({ id }: { id: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ResearchObjectQuery, variables: { id } });
  const ro = data?.researchObject;
  usePageTitle(ro?.title ?? "Research object");
  const [, navigate] = useLocation();
  const [draft, setDraft] = useState<MetadataDraft | null>(null);
  const [saved, save] = useMutation(UpdateResearchObject);
  const [snapshotted, snapshot] = useMutation(SnapshotResearchObject);
  const [doiDone, publishDoi] = useMutation(PublishDoi);
  const [preview, setPreview] = useState<"none" | "ro-crate" | "datacite">("none");
  useEffect(() => {
    if (ro && !draft)
      setDraft({
        title: ro.title,
        description: ro.description ?? "",
        creators: ro.creators.length
          ? ro.creators.map((c) => ({ name: c.name, orcid: c.orcid ?? "", affiliation: c.affiliation ?? "" }))
          : [{ name: "", orcid: "", affiliation: "" }],
        licence: ro.licence ?? "",
        keywords: ro.keywords.join(", "),
      });
  }, [ro, draft]);
  if (!data && fetching) return <Loading what="the research object" />;
  if (!ro)
    return (
      <NotLoaded
        what="research object"
        error={describeError(error)}
        retry={() => refetch({ requestPolicy: "network-only" })}
      />
    );
  const live = ro.state === "LIVE";
  const saveError = describeError(saved.error);
  const takeSnapshot = async () => {
    const answer = await snapshot({ id });
    const made = answer.data?.snapshotResearchObject.researchObject;
    if (made) navigate(`/research-objects/${made.id}`);
  };
  return (
    <>
      <h1 tabIndex={-1}>{ro.title}</h1>
      <p>
        {ro.state}, version {ro.version}, {ro.vo}
        {ro.parent ? (
          <>
            {" "}
            (a snapshot of <Link href={`/research-objects/${ro.parent.id}`}>{ro.parent.title}</Link>)
          </>
        ) : null}
      </p>
      {ro.published ? (
        <section aria-labelledby="doi-heading" className="panel">
          <h2 id="doi-heading">Published</h2>
          <dl className="facts">
            <dt>DOI</dt>
            <dd>{ro.doi ?? "none yet"}</dd>
            <dt>DOI state</dt>
            <dd>{ro.doiState ?? "none"}</dd>
            <dt>Published</dt>
            <dd>{formatTime(ro.publishedAt)}</dd>
            <dt>Cite as</dt>
            <dd>{ro.citation.apa}</dd>
          </dl>
          {ro.doiProblem ? <p role="alert">The DOI agency said: {ro.doiProblem}</p> : null}
          {ro.doiState !== "FINDABLE" ? (
            <button type="button" disabled={doiDone.fetching} onClick={() => void publishDoi({ id })}>
              {doiDone.fetching ? "Publishing the DOI…" : "Complete the DOI"}
            </button>
          ) : null}
          <ErrorNote error={describeError(doiDone.error)} what="The DOI was not published" />
          <p>
            <a href={ro.landingPage}>Open the landing page</a>
          </p>
        </section>
      ) : null}
      <Part title="Contents" errors={errorsAt(error, ["researchObject", "datasets"], "datasets")}>
        <ul>
          {ro.datasets.map((d, i) =>
            d ? (
              <li key={d.id}>
                Dataset <Link href={`/datasets/${encodeURIComponent(d.id)}`}>{d.title}</Link>
              </li>
            ) : (
              <li key={`d${i}`}>A dataset you cannot see</li>
            ),
          )}
          {ro.jobs.map((j, i) =>
            j ? (
              <li key={j.id}>
                Job <Link href={`/jobs/${j.id}`}>{j.name}</Link> ({j.status})
              </li>
            ) : (
              <li key={`j${i}`}>A job you cannot see</li>
            ),
          )}
          {ro.externalResources.map((r) => (
            <li key={r.url}>
              {r.resourceType}: {r.title ?? r.url} <code>{r.url}</code>
            </li>
          ))}
        </ul>
      </Part>
      {live && draft ? (
        <section aria-labelledby="edit-heading" className="panel">
          <h2 id="edit-heading">Metadata</h2>
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void save({ id, input: metadataInput(draft) });
            }}
          >
            <MetadataFields draft={draft} onChange={setDraft} problems={saveError?.problems ?? []} />
            <button type="submit" disabled={saved.fetching}>
              {saved.fetching ? "Saving…" : "Save metadata"}
            </button>
            {saved.data && !saved.error ? <p role="status">Saved.</p> : null}
            <ErrorNote error={saveError} what="The metadata was not saved" />
          </form>
        </section>
      ) : (
        <section aria-labelledby="meta-heading">
          <h2 id="meta-heading">Metadata</h2>
          <p>{ro.description}</p>
          <ul>
            {ro.creators.map((c) => (
              <li key={c.name + c.orcid}>
                {c.name}
                {c.orcid ? ` (ORCID ${c.orcid})` : ""}
                {c.affiliation ? `, ${c.affiliation}` : ""}
              </li>
            ))}
          </ul>
          <p>
            Licence {ro.licence ?? "none"}; keywords {ro.keywords.join(", ") || "none"}.
          </p>
        </section>
      )}
      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading">Preview what is published</h2>
        <div className="actions" role="group" aria-label="Previews">
          <button type="button" aria-pressed={preview === "ro-crate"} onClick={() => setPreview("ro-crate")}>
            RO-Crate metadata
          </button>
          <button type="button" aria-pressed={preview === "datacite"} onClick={() => setPreview("datacite")}>
            DataCite metadata
          </button>
        </div>
        {preview === "datacite" ? <DatacitePreview id={ro.id} /> : null}
        {preview === "ro-crate" ? <CratePreview id={ro.id} /> : null}
      </section>
      {live ? (
        <section aria-labelledby="snapshot-heading" className="panel">
          <h2 id="snapshot-heading">Snapshot and DOI</h2>
          <p>
            A snapshot freezes this research object as a new version and gives it a DOI; this LIVE object
            stays editable.
          </p>
          <button type="button" disabled={snapshotted.fetching} onClick={() => void takeSnapshot()}>
            {snapshotted.fetching ? "Taking the snapshot and minting the DOI…" : "Snapshot with a DOI"}
          </button>
          <ErrorNote error={describeError(snapshotted.error)} what="No snapshot was taken" />
        </section>
      ) : null}
      {ro.versions.edges.length ? (
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading">Versions</h2>
          <ul>
            {ro.versions.edges.map(({ node }) => (
              <li key={node.id}>
                <Link href={`/research-objects/${node.id}`}>Version {node.version}</Link> ({node.state}
                {node.doi ? `, DOI ${node.doi}` : ""})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function DatacitePreview({ id }: { id: string }) {
  // Read fresh each time: the metadata follows every edit of the research object.
  const [{ data, fetching, error }] = useQuery({
    query: DataciteQuery,
    variables: { id },
    requestPolicy: "network-only",
  });
  if (!data && fetching) return <Loading what="the DataCite metadata" />;
  if (!data?.researchObject) return <ErrorNote error={describeError(error)} what="The DataCite metadata" />;
  return (
    <pre className="json" tabIndex={0} aria-label="DataCite metadata">
      {JSON.stringify(data.researchObject.dataciteMetadata, null, 2)}
    </pre>
  );
}

function CratePreview({ id }: { id: string }) {
  const auth = useAuth();
  const [text, setText] = useState<string>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    const abort = new AbortController();
    const token = auth.accessToken;
    fetch(`/ro/${encodeURIComponent(id)}/ro-crate-metadata.json`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: abort.signal,
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
        setText(JSON.stringify(await response.json(), null, 2));
      })
      .catch((error: Error) => abort.signal.aborted || setProblem(error.message));
    return () => abort.abort();
  }, [id, auth]);
  if (problem) return <p role="alert">The RO-Crate could not be read: {problem}</p>;
  if (!text) return <Loading what="the RO-Crate" />;
  return (
    <pre className="json" tabIndex={0} aria-label="RO-Crate metadata">
      {text}
    </pre>
  );
}
