/**
 * Notebooks over selected data: an interactive session (a Jupyter server placed where the data
 * is, reached through the gateway) or a notebook run headless as batch jobs over every selected
 * dataset, or once per dataset as a job collection.
 */
import { useState } from "react";
import { useMutation } from "urql";
import { useLocation } from "wouter";
import { graphql } from "../gql";
import { useViewer } from "../lib/context";
import { describeError } from "../lib/graph";
import { ErrorNote, Field, problemFor } from "./ui";
import { VoSelect } from "./VoSelect";

const StartSession = graphql(`
  mutation StartNotebookSession($input: StartNotebookSessionInput!) {
    startNotebookSession(input: $input) {
      job {
        id
        status
      }
    }
  }
`);

const RunNotebook = graphql(`
  mutation RunNotebook($input: RunNotebookInput!) {
    runNotebook(input: $input) {
      jobs {
        id
      }
      collection {
        id
      }
    }
  }
`);

export function StartSessionButton({ datasetIds }: { datasetIds: string[] }) {
  const viewer = useViewer();
  const [, navigate] = useLocation();
  const [vo, setVo] = useState("");
  const [result, start] = useMutation(StartSession);
  const submit = async () => {
    const answer = await start({ input: { vo: vo || viewer?.vos[0] || "", datasetIds } });
    const job = answer.data?.startNotebookSession.job;
    if (job) navigate(`/jobs/${job.id}`);
  };
  return (
    <form className="inline-form" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Field label="VO for the notebook session">
        {(props) => <VoSelect {...props} value={vo} onChange={setVo} />}
      </Field>
      <button type="submit" disabled={result.fetching || !datasetIds.length}>
        {result.fetching ? "Starting…" : `Start a notebook over ${datasetIds.length} dataset(s)`}
      </button>
      <ErrorNote error={describeError(result.error)} what="The session was not started" />
    </form>
  );
}

export function RunNotebookForm({
  datasetIds,
  datasetFilter,
  what,
}: {
  datasetIds?: string[];
  datasetFilter?: Record<string, unknown>;
  what: string;
}) {
  const viewer = useViewer();
  const [, navigate] = useLocation();
  const [vo, setVo] = useState("");
  const [notebook, setNotebook] = useState("");
  const [fileName, setFileName] = useState("");
  const [notebookDatasetId, setNotebookDatasetId] = useState("");
  const [parameters, setParameters] = useState("{}");
  const [perDataset, setPerDataset] = useState(false);
  const [localProblem, setLocalProblem] = useState<string>();
  const [result, run] = useMutation(RunNotebook);
  const shown = describeError(result.error);
  const problems = shown?.problems ?? [];
  const submit = async () => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(parameters || "{}") as Record<string, unknown>;
    } catch (error) {
      setLocalProblem(`Parameters are not JSON: ${(error as Error).message}`);
      return;
    }
    setLocalProblem(undefined);
    const answer = await run({
      input: {
        vo: vo || viewer?.vos[0] || "",
        notebook: notebook || undefined,
        notebookDatasetId: notebookDatasetId || undefined,
        parameters: parsed,
        datasetIds,
        datasetFilter,
        perDataset,
      },
    });
    const ran = answer.data?.runNotebook;
    if (ran?.jobs.length === 1) navigate(`/jobs/${ran.jobs[0].id}`);
    else if (ran?.collection) navigate(`/jobs?collection=${ran.collection.id}`);
  };
  return (
    <form className="stack" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <p>Run a notebook headless over {what}.</p>
      <Field label="VO">{(props) => <VoSelect {...props} value={vo} onChange={setVo} />}</Field>
      <Field
        label="Notebook file (.ipynb)"
        hint={fileName ? `Chosen: ${fileName}` : undefined}
        problem={problemFor(problems, "notebook")}
      >
        {(props) => (
          <input
            {...props}
            type="file"
            accept=".ipynb,application/x-ipynb+json"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              setFileName(file?.name ?? "");
              setNotebook(file ? await file.text() : "");
            }}
          />
        )}
      </Field>
      <Field label="…or a notebook dataset id" problem={problemFor(problems, "notebookDatasetId")}>
        {(props) => (
          <input
            {...props}
            value={notebookDatasetId}
            onChange={(e) => setNotebookDatasetId(e.target.value)}
          />
        )}
      </Field>
      <Field label="Parameters (JSON)" problem={localProblem ?? problemFor(problems, "parameters")}>
        {(props) => (
          <textarea {...props} rows={3} value={parameters} onChange={(e) => setParameters(e.target.value)} />
        )}
      </Field>
      <div className="field">
        <label>
          <input type="checkbox" checked={perDataset} onChange={(e) => setPerDataset(e.target.checked)} /> One
          job per dataset
        </label>
      </div>
      <button type="submit" disabled={result.fetching}>
        {result.fetching ? "Submitting…" : "Run the notebook"}
      </button>
      <ErrorNote error={shown} what="The notebook was not run" />
    </form>
  );
}
