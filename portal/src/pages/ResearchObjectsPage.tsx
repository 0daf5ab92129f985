/** Research objects you may see, and a new one from a basket or a job's outputs. */
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Link, useLocation, useSearch } from "wouter";
import { MetadataFields, metadataInput, type MetadataDraft } from "../components/MetadataForm";
import { ErrorNote, Field, Loading } from "../components/ui";
import { VoSelect } from "../components/VoSelect";
import { graphql } from "../gql";
import { usePageTitle, useViewer } from "../lib/context";
import { formatTime } from "../lib/format";
import { describeError } from "../lib/graph";
import { usePersistentState } from "../lib/persistent-state";

const ResearchObjectsQuery = graphql(`
  query ResearchObjects($first: Int) {
    researchObjects(first: $first) {
      totalCount
      edges {
        node {
          id
          title
          state
          version
          doi
          vo
          updatedAt
        }
      }
    }
  }
`);

const CreateResearchObject = graphql(`
  mutation CreateResearchObject($input: CreateResearchObjectInput!) {
    createResearchObject(input: $input) {
      researchObject {
        id
      }
    }
  }
`);

export default function ResearchObjectsPage() {
  usePageTitle("Research objects");
  const params = new URLSearchParams(useSearch());
  const [{ data, fetching, error }] = useQuery({ query: ResearchObjectsQuery, variables: { first: 100 } });
  const creating = params.get("new") === "1";
  return (
    <>
      <h1 tabIndex={-1}>Research objects</h1>
      {creating ? (
        <NewResearchObject
          datasetIds={(params.get("datasets") ?? "").split(",").filter(Boolean)}
          jobIds={(params.get("jobs") ?? "").split(",").filter(Boolean)}
        />
      ) : (
        <p>
          <Link href="/research-objects?new=1">Create a research object</Link> (or publish from the basket or
          a job's outputs).
        </p>
      )}
      <ErrorNote error={describeError(error)} what="Research objects could not be listed" />
      {fetching && !data ? <Loading what="research objects" /> : null}
      <h2>Yours and your VOs'</h2>
      <ul className="cards">
        {data?.researchObjects.edges.map(({ node }) => (
          <li key={node.id} className="card">
            <Link href={`/research-objects/${node.id}`}>{node.title}</Link>{" "}
            <span className="muted">
              {node.state}, version {node.version}
              {node.doi ? `, DOI ${node.doi}` : ""}, {node.vo}, updated {formatTime(node.updatedAt)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

function NewResearchObject({ datasetIds, jobIds }: { datasetIds: string[]; jobIds: string[] }) {
  const viewer = useViewer();
  const [, navigate] = useLocation();
  const [vo, setVo] = useState("");
  const [draft, setDraft] = usePersistentState<MetadataDraft>("new-research-object", {
    title: "",
    description: "",
    creators: [{ name: viewer?.name ?? "", orcid: "", affiliation: "" }],
    licence: "CC-BY-4.0",
    keywords: "",
  });
  const [result, create] = useMutation(CreateResearchObject);
  const shown = describeError(result.error);
  const submit = async () => {
    const answer = await create({
      input: { ...metadataInput(draft), vo: vo || viewer?.vos[0] || "", datasetIds, jobIds },
    });
    const made = answer.data?.createResearchObject.researchObject;
    if (made) {
      sessionStorage.removeItem("gridgraph.form.new-research-object");
      navigate(`/research-objects/${made.id}`);
    }
  };
  return (
    <section aria-labelledby="new-ro" className="panel">
      <h2 id="new-ro">New research object</h2>
      <p>
        With {datasetIds.length} dataset(s) and {jobIds.length} job(s).
      </p>
      <form className="stack" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Field label="VO">{(p) => <VoSelect {...p} value={vo} onChange={setVo} />}</Field>
        <MetadataFields draft={draft} onChange={setDraft} problems={shown?.problems ?? []} />
        <button type="submit" disabled={result.fetching}>
          {result.fetching ? "Creating…" : "Create"}
        </button>
        <ErrorNote error={shown} what="The research object was not created" />
      </form>
    </section>
  );
}
