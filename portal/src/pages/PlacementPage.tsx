/**
 * Where can it run? A pipeline (executable or container, cores, memory, wall time, software)
 * over the basket's datasets, or a pasted DIRAC JDL: the placement with every candidate's score
 * terms and every other site's reasons, then the data movement the chosen site needs, then
 * submit (one job, or one per dataset).
 */
import { placementRequirements } from "@gridgraph/job-requirements";
import { useState } from "react";
import { useClient, useMutation, useQuery } from "urql";
import { useLocation } from "wouter";
import { PlacementView } from "../components/PlacementView";
import { ErrorNote, Field, Loading, problemFor } from "../components/ui";
import { VoSelect } from "../components/VoSelect";
import { graphql } from "../gql";
import type { SubmitJobInput } from "../gql/graphql";
import { useBasket } from "../lib/basket";
import { stagingAt } from "../lib/basket-summary";
import { usePageTitle, useViewer } from "../lib/context";
import { formatBytes } from "../lib/format";
import { describeError, type ShownError } from "../lib/graph";
import { usePersistentState } from "../lib/persistent-state";
import { BasketQuery } from "./BasketPage";

graphql(`
  fragment PlacementFields on Placement {
    evaluatedSites
    candidates {
      rank
      score
      estimatedWaitSeconds
      site {
        id
        officialName
      }
      share {
        name
      }
      endpoint {
        url
        interfaceName
      }
      reasons {
        code
        points
        message
      }
    }
    rejected {
      site {
        id
        officialName
      }
      reasons {
        code
        message
      }
    }
  }
`);

const PlacementQuery = graphql(`
  query Placement($requirements: JobRequirementsInput!) {
    placement(requirements: $requirements, first: 50) {
      ...PlacementFields
    }
  }
`);

const JdlPlacementQuery = graphql(`
  query JdlPlacement($jdl: String!, $vo: String) {
    placementForJdl(jdl: $jdl, vo: $vo, first: 50) {
      requirements {
        vo
        cores
        memoryMb
        allowedSites
        bannedSites
        dataSites
      }
      executable
      inputData
      parameters
      warnings
      placement {
        ...PlacementFields
      }
    }
  }
`);

const SubmitJob = graphql(`
  mutation SubmitJob($input: SubmitJobInput!) {
    submitJob(input: $input) {
      job {
        id
        status
      }
    }
  }
`);

const SubmitJdl = graphql(`
  mutation SubmitJdl($input: SubmitJobJdlInput!) {
    submitJobJdl(input: $input) {
      jobs {
        id
      }
      collection {
        id
      }
      warnings
    }
  }
`);

interface PipelineForm {
  name: string;
  vo: string;
  executable: string;
  arguments: string;
  containerImage: string;
  cores: string;
  memoryGb: string;
  wallTimeHours: string;
  software: string;
  platform: string;
  outputs: string;
  useBasket: boolean;
  perDataset: boolean;
}

const INITIAL: PipelineForm = {
  name: "LINC calibration",
  vo: "",
  executable: "/bin/sh",
  arguments:
    '-c\necho "LINC on $(grep -c datasetId inputs.json) input(s)" > solutions.txt; cat solutions.txt',
  containerImage: "",
  cores: "16",
  memoryGb: "64",
  wallTimeHours: "36",
  software: "LINC/>=5.0",
  platform: "",
  outputs: "solutions.txt",
  useBasket: true,
  perDataset: false,
};

/** The pipeline form's plain inputs, with the submitJob field whose problems show under each. */
const PIPELINE_FIELDS: {
  key: Exclude<keyof PipelineForm, "vo" | "arguments" | "useBasket" | "perDataset">;
  label: string;
  graphField: string;
  number?: boolean;
  min?: number;
  hint?: string;
  placeholder?: string;
}[] = [
  { key: "name", label: "Name", graphField: "name" },
  { key: "executable", label: "Executable", graphField: "executable" },
  {
    key: "containerImage",
    label: "Container image (optional)",
    graphField: "containerImage",
    placeholder: "e.g. docker://astronrd/linc:5.0",
  },
  { key: "cores", label: "Cores", graphField: "cores", number: true, min: 1 },
  { key: "memoryGb", label: "Memory (GB)", graphField: "memoryMb", number: true, min: 0 },
  { key: "wallTimeHours", label: "Wall time (hours)", graphField: "wallTimeSeconds", number: true, min: 0 },
  {
    key: "software",
    label: "Software",
    graphField: "software",
    hint: "Comma-separated, e.g. LINC/>=5.0, casacore",
  },
  { key: "platform", label: "Platform (optional)", graphField: "platform", placeholder: "x86_64" },
  {
    key: "outputs",
    label: "Outputs",
    graphField: "outputs",
    hint: "File names or patterns, comma-separated",
  },
];

const list = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);

/** The submitJob input the form describes (numbers as the graph wants them). */
export function submitInput(form: PipelineForm, vo: string, inputs: string[]): SubmitJobInput {
  const number = (text: string) => (text.trim() === "" ? undefined : Number(text));
  const memoryGb = number(form.memoryGb);
  const hours = number(form.wallTimeHours);
  return {
    name: form.name,
    vo,
    executable: form.executable,
    arguments: form.arguments ? form.arguments.split("\n") : [],
    containerImage: form.containerImage || undefined,
    cores: number(form.cores),
    memoryMb: memoryGb === undefined ? undefined : Math.round(memoryGb * 1024),
    wallTimeSeconds: hours === undefined ? undefined : Math.round(hours * 3600),
    requiredSoftware: list(form.software, /[,;]/),
    platform: form.platform || undefined,
    outputs: list(form.outputs, /[,\n]/),
    inputs,
  };
}

export default function PlacementPage() {
  usePageTitle("Where can it run?");
  const viewer = useViewer();
  const [mode, setMode] = usePersistentState("placement-mode", { value: "pipeline" as "pipeline" | "jdl" });
  return (
    <>
      <h1 tabIndex={-1}>Where can it run?</h1>
      {!viewer ? <p>Sign in to see placement for your VOs.</p> : null}
      <fieldset className="mode">
        <legend>Describe the job</legend>
        <label>
          <input
            type="radio"
            name="mode"
            checked={mode.value === "pipeline"}
            onChange={() => setMode({ value: "pipeline" })}
          />{" "}
          A pipeline over the basket
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={mode.value === "jdl"}
            onChange={() => setMode({ value: "jdl" })}
          />{" "}
          Paste a DIRAC JDL
        </label>
      </fieldset>
      {mode.value === "pipeline" ? <PipelinePlacement /> : <JdlPlacement />}
    </>
  );
}

function PipelinePlacement() {
  const viewer = useViewer();
  const [, navigate] = useLocation();
  const client = useClient();
  const ids = useBasket();
  const [form, setForm] = usePersistentState<PipelineForm>("pipeline", INITIAL);
  const [asked, setAsked] = useState<Record<string, unknown> | null>(null);
  const [chosen, setChosen] = useState<string>();
  const [submitting, setSubmitting] = useState<string>();
  const [submitError, setSubmitError] = useState<ShownError | null>(null);
  const vo = form.vo || viewer?.vos[0] || "";
  const inputs = form.useBasket ? ids : [];
  const [basketAnswer] = useQuery({
    query: BasketQuery,
    variables: { ids: inputs, first: Math.max(inputs.length, 1) },
    pause: !inputs.length,
  });
  const datasets = basketAnswer.data?.datasets.edges.map((e) => e.node) ?? [];
  const [placement] = useQuery({
    query: PlacementQuery,
    variables: { requirements: asked as never },
    pause: !asked,
  });
  const set = (change: Partial<PipelineForm>) => setForm({ ...form, ...change });
  const ask = () => {
    const spec = submitInput(form, vo, inputs);
    // Data locality as the jobs service counts it: the sites holding the inputs on disk.
    const dataSites = [
      ...new Set(
        datasets.flatMap((d) => d.replicas.filter((r) => r.state === "ONLINE").map((r) => r.site?.id ?? "")),
      ),
    ].filter(Boolean);
    setChosen(undefined);
    setAsked(placementRequirements(spec, dataSites));
  };
  const shownPlacement = placement.data?.placement;
  const site = chosen ?? shownPlacement?.candidates[0]?.site.id;
  const staging = site ? stagingAt(site, datasets) : [];
  const submit = async () => {
    setSubmitError(null);
    const perDataset = form.perDataset && inputs.length > 1;
    const batches = perDataset ? inputs.map((id) => [id]) : [inputs];
    const made: string[] = [];
    for (const [i, batch] of batches.entries()) {
      setSubmitting(`Submitting ${i + 1} of ${batches.length}…`);
      const input = submitInput(form, vo, batch);
      const answer = await client
        .mutation(SubmitJob, {
          input: {
            ...input,
            name: perDataset ? `${form.name} (${batch[0]})` : form.name,
            siteId: chosen,
            idempotencyKey: `portal-${crypto.randomUUID()}`,
          },
        })
        .toPromise();
      const job = answer.data?.submitJob.job;
      if (!job) {
        setSubmitError(describeError(answer.error));
        break;
      }
      made.push(job.id);
    }
    setSubmitting(undefined);
    if (made.length === 1) navigate(`/jobs/${made[0]}`);
    else if (made.length > 1) navigate(`/jobs?ids=${made.join(",")}`);
  };
  const problems = describeError(placement.error)?.problems ?? submitError?.problems ?? [];
  return (
    <>
      <form className="pipeline" onSubmit={(e) => (e.preventDefault(), ask())} aria-label="Pipeline">
        <div className="grid">
          <Field label="VO">
            {(p) => <VoSelect {...p} value={form.vo} onChange={(v) => set({ vo: v })} />}
          </Field>
          {PIPELINE_FIELDS.map((f) => (
            <Field key={f.key} label={f.label} hint={f.hint} problem={problemFor(problems, f.graphField)}>
              {(p) => (
                <input
                  {...p}
                  type={f.number ? "number" : "text"}
                  min={f.number ? f.min : undefined}
                  step={f.number ? "any" : undefined}
                  placeholder={f.placeholder}
                  value={form[f.key]}
                  onChange={(e) => set({ [f.key]: e.target.value })}
                />
              )}
            </Field>
          ))}
        </div>
        <Field label="Arguments (one per line)" problem={problemFor(problems, "arguments")}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              value={form.arguments}
              onChange={(e) => set({ arguments: e.target.value })}
            />
          )}
        </Field>
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={form.useBasket}
              onChange={(e) => set({ useBasket: e.target.checked })}
            />{" "}
            Over the basket ({ids.length} dataset{ids.length === 1 ? "" : "s"}, their sites count as data
            locality)
          </label>
        </div>
        <button type="submit" disabled={!vo}>
          Find where it can run
        </button>
      </form>
      <ErrorNote error={describeError(placement.error)} what="Placement failed" />
      {placement.fetching ? <Loading what="the placement" /> : null}
      {shownPlacement ? (
        <>
          <PlacementView placement={shownPlacement} chosenSite={site} onChoose={setChosen} />
          {shownPlacement.candidates.length ? (
            <section aria-labelledby="submit-heading" className="submit">
              <h2 id="submit-heading">Run it at {site}</h2>
              {datasets.length ? (
                <>
                  <p>Data movement before it starts:</p>
                  <ul>
                    {staging.map((s) => (
                      <li key={s.id}>
                        {s.title}:{" "}
                        {s.need === "ready"
                          ? `on disk at ${site}, ready`
                          : s.need === "staging"
                            ? `on tape at ${site}: recalled to disk first (the job waits in STAGING)`
                            : `not at ${site}: copied there first (the job waits in STAGING)`}
                      </li>
                    ))}
                  </ul>
                  <p className="muted">
                    {formatBytes(
                      datasets
                        .filter((d) => staging.find((s) => s.id === d.id)?.need !== "ready")
                        .reduce((n, d) => n + d.sizeBytes, 0),
                    )}{" "}
                    to move.
                  </p>
                </>
              ) : (
                <p>No input datasets: nothing to move.</p>
              )}
              {inputs.length > 1 ? (
                <div className="field">
                  <label>
                    <input
                      type="checkbox"
                      checked={form.perDataset}
                      onChange={(e) => set({ perDataset: e.target.checked })}
                    />{" "}
                    One job per dataset ({inputs.length} jobs)
                  </label>
                </div>
              ) : null}
              <button type="button" onClick={() => void submit()} disabled={Boolean(submitting)}>
                {submitting ?? "Submit"}
              </button>
              <ErrorNote error={submitError} what="The job was not submitted" />
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function JdlPlacement() {
  const viewer = useViewer();
  const [, navigate] = useLocation();
  const [form, setForm] = usePersistentState("jdl", {
    jdl: '[\n  Executable = "/bin/echo";\n  Arguments = "hello";\n  CPUNumber = 4;\n  MaxRAM = 8000;\n]',
    vo: "",
    outputs: "",
  });
  const [asked, setAsked] = useState<{ jdl: string; vo: string } | null>(null);
  const vo = form.vo || viewer?.vos[0] || "";
  const [answer] = useQuery({ query: JdlPlacementQuery, variables: asked ?? { jdl: "" }, pause: !asked });
  const [submitted, submit] = useMutation(SubmitJdl);
  const result = answer.data?.placementForJdl;
  const run = async () => {
    const done = await submit({
      input: {
        jdl: form.jdl,
        vo,
        outputs: list(form.outputs, /[,\n]/),
        idempotencyKey: `portal-${crypto.randomUUID()}`,
      },
    });
    const made = done.data?.submitJobJdl;
    if (made?.jobs.length === 1) navigate(`/jobs/${made.jobs[0].id}`);
    else if (made?.collection) navigate(`/jobs?collection=${made.collection.id}`);
  };
  return (
    <>
      <form onSubmit={(e) => (e.preventDefault(), setAsked({ jdl: form.jdl, vo }))} aria-label="JDL">
        <Field
          label="JDL"
          hint="ClassAd syntax as DIRAC reads it; a parametric JDL becomes one job per parameter"
        >
          {(p) => (
            <textarea
              {...p}
              rows={10}
              className="code"
              value={form.jdl}
              onChange={(e) => setForm({ ...form, jdl: e.target.value })}
            />
          )}
        </Field>
        <Field label="VO (the JDL's VirtualOrganization wins)">
          {(p) => <VoSelect {...p} value={form.vo} onChange={(v) => setForm({ ...form, vo: v })} />}
        </Field>
        <Field label="Outputs" hint="File names or patterns, comma-separated">
          {(p) => (
            <input
              {...p}
              value={form.outputs}
              onChange={(e) => setForm({ ...form, outputs: e.target.value })}
            />
          )}
        </Field>
        <button type="submit">Find where it can run</button>
      </form>
      <ErrorNote error={describeError(answer.error)} what="The JDL could not be placed" />
      {answer.fetching ? <Loading what="the placement" /> : null}
      {result ? (
        <>
          <p>
            Read as: VO {result.requirements.vo}, {result.requirements.cores ?? 1} core(s),{" "}
            {result.requirements.memoryMb ?? "default"} MB, executable {result.executable ?? "none"}
            {result.inputData.length ? `, ${result.inputData.length} input file(s)` : ""}
            {result.parameters.length ? `, ${result.parameters.length} parametric jobs` : ""}.
          </p>
          {result.warnings.length ? (
            <ul aria-label="Warnings about the JDL">
              {result.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          ) : null}
          <PlacementView placement={result.placement} />
          {result.placement.candidates.length ? (
            <button type="button" onClick={() => void run()} disabled={submitted.fetching}>
              {submitted.fetching ? "Submitting…" : "Submit the JDL"}
            </button>
          ) : null}
          <ErrorNote error={describeError(submitted.error)} what="The JDL was not submitted" />
        </>
      ) : null}
    </>
  );
}
