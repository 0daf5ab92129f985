/**
 * A job, followed live: its event timeline from the gateway's server-sent event stream (no
 * polling), the stdout/stderr tail, cancel/hold/release/resubmit, where it was placed and why,
 * its inputs and, when done, its output datasets (one click to publish them). A notebook
 * session's job opens its Jupyter server through the gateway.
 */
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Link } from "wouter";
import { DataRequestProgress } from "../components/DataRequestProgress";
import { ErrorNote, Loading, Part, StatusBadge, NotLoaded } from "../components/ui";
import { graphql } from "../gql";
import { useAuth, usePageTitle } from "../lib/context";
import { useEventStream } from "../lib/event-stream";
import { formatBytes, formatTime } from "../lib/format";
import { describeError, errorsAt } from "../lib/graph";
import { mergeEvents, TERMINAL_STATUSES, type TimelineEvent } from "../lib/timeline";

const JobQuery = graphql(`
  query JobPage($id: ID!) {
    job(id: $id) {
      id
      name
      owner
      vo
      status
      statusReason
      nativeState
      exitCode
      executable
      arguments
      cores
      memoryMb
      wallTimeSeconds
      requiredSoftware
      containerImage
      queue
      backend
      account
      endpointUrl
      placementScore
      placementReasons {
        code
        points
        message
      }
      reschedules
      submittedAt
      startedAt
      finishedAt
      eventsPath
      notebookPath
      dataRequestIds
      site {
        id
        officialName
      }
      inputs {
        id
        title
      }
      outputs {
        id
        title
        sizeBytes
        checksum
      }
      events {
        seq
        at
        status
        nativeState
        message
        source
      }
      stdout {
        text
        truncated
        sizeBytes
        downloadPath
      }
      stderr {
        text
        truncated
        sizeBytes
        downloadPath
      }
      researchObjects(first: 10) {
        edges {
          node {
            id
            title
            doi
          }
        }
      }
    }
  }
`);

const CancelJob = graphql(`
  mutation CancelJob($id: ID!) {
    cancelJob(id: $id) {
      job {
        id
        status
      }
    }
  }
`);
const HoldJob = graphql(`
  mutation HoldJob($id: ID!) {
    holdJob(id: $id) {
      job {
        id
        status
      }
    }
  }
`);
const ReleaseJob = graphql(`
  mutation ReleaseJob($id: ID!) {
    releaseJob(id: $id) {
      job {
        id
        status
      }
    }
  }
`);
const ResubmitJob = graphql(`
  mutation ResubmitJob($id: ID!) {
    resubmitJob(id: $id) {
      job {
        id
        status
      }
    }
  }
`);
const StopSession = graphql(`
  mutation StopNotebookSession($id: ID!) {
    stopNotebookSession(id: $id) {
      job {
        id
        status
      }
    }
  }
`);

export default function JobPage({ id }: { id: string }) {
  const auth = useAuth();
  const [{ data, fetching, error }, refetch] = useQuery({ query: JobQuery, variables: { id } });
  const [live, setLive] = useState<TimelineEvent[]>([]);
  const [stream, setStream] = useState<string>("connecting");
  const [cancelled, cancel] = useMutation(CancelJob);
  const [held, hold] = useMutation(HoldJob);
  const [released, release] = useMutation(ReleaseJob);
  const [resubmitted, resubmit] = useMutation(ResubmitJob);
  const [stopped, stop] = useMutation(StopSession);
  const [notebookProblem, setNotebookProblem] = useState<string>();
  const job = data?.job;
  usePageTitle(job ? `Job ${job.name}` : "Job");
  useEventStream(
    job?.eventsPath,
    () => auth.accessToken,
    (event) => {
      if (event.event !== "job") return;
      setLive((known) => mergeEvents(known, [event.data as TimelineEvent]));
      // Status, logs and outputs change with each event: read them again.
      refetch({ requestPolicy: "network-only" });
    },
    (state, detail) => setStream(detail ? `${state}: ${detail}` : state),
  );

  if (!data && fetching) return <Loading what="the job" />;
  if (!job)
    return (
      <NotLoaded
        what="job"
        error={describeError(error)}
        retry={() => refetch({ requestPolicy: "network-only" })}
      />
    );
  const events = mergeEvents(job.events, live);
  const status = job.status;
  const actionError = describeError(
    cancelled.error ?? held.error ?? released.error ?? resubmitted.error ?? stopped.error,
  );
  const openNotebook = async () => {
    // The tab is opened at the click (a browser allows a new window only then), then sent on
    // once it can get in: a navigation cannot carry the token, so one authenticated request
    // first leaves the gateway's HttpOnly session cookie for /notebooks/. A session's job is
    // RUNNING as soon as its server process is, a little before the server answers: while it
    // answers 502-504, the portal says it is starting and asks again (up to a minute).
    const tab = window.open("about:blank", "_blank");
    if (tab) tab.opener = null;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const response = await fetch(`${job.notebookPath}api/status`, {
        headers: { authorization: `Bearer ${auth.accessToken}` },
      }).catch(() => null);
      if (response?.ok) break;
      const starting = !response || [502, 503, 504].includes(response.status);
      if (!starting || Date.now() > deadline) {
        tab?.close();
        return setNotebookProblem(`The notebook server answered ${response?.status ?? "nothing"}.`);
      }
      setNotebookProblem("The notebook server is starting…");
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    setNotebookProblem(undefined);
    if (tab) tab.location.href = job.notebookPath!;
    else setNotebookProblem("The browser did not open a new tab; allow pop-ups for this site.");
  };
  return (
    <>
      <h1 tabIndex={-1}>{job.name}</h1>
      <p className="status-line">
        <StatusBadge status={status} /> {job.statusReason ?? ""}
        {job.exitCode != null ? ` Exit code ${job.exitCode}.` : ""}
      </p>
      <div className="actions" role="group" aria-label="Job actions">
        <button type="button" disabled={TERMINAL_STATUSES.has(status)} onClick={() => void cancel({ id })}>
          Cancel
        </button>
        <button
          type="button"
          disabled={!["SUBMITTED", "STAGING", "QUEUED"].includes(status)}
          onClick={() => void hold({ id })}
        >
          Hold
        </button>
        <button type="button" disabled={status !== "HELD"} onClick={() => void release({ id })}>
          Release
        </button>
        <button type="button" disabled={!TERMINAL_STATUSES.has(status)} onClick={() => void resubmit({ id })}>
          Resubmit
        </button>
        {job.outputs.length ? (
          <Link
            href={`/research-objects?new=1&jobs=${job.id}&datasets=${job.outputs
              .filter(Boolean)
              .map((d) => d!.id)
              .join(",")}`}
          >
            Publish the outputs
          </Link>
        ) : null}
      </div>
      <ErrorNote error={actionError} what="The action was refused" />
      {job.dataRequestIds.length ? (
        <Part title="Data it waits for" errors={errorsAt(error, ["job", "dataRequestIds"], "jobs")}>
          {job.dataRequestIds.map((requestId) => (
            <DataRequestProgress key={requestId} id={requestId} />
          ))}
        </Part>
      ) : null}
      {job.notebookPath ? (
        <Part title="Notebook session">
          <p>
            <button type="button" disabled={status !== "RUNNING"} onClick={() => void openNotebook()}>
              Open the notebook (new tab)
            </button>{" "}
            <button type="button" disabled={TERMINAL_STATUSES.has(status)} onClick={() => void stop({ id })}>
              Stop the session
            </button>
          </p>
          {notebookProblem ? <p role="status">{notebookProblem}</p> : null}
        </Part>
      ) : null}
      <div className="two-columns">
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Events</h2>
          <p className="muted" role="status">
            Live updates: {stream}
          </p>
          <ol className="timeline" aria-live="polite">
            {events.map((e) => (
              <li key={e.seq}>
                <time dateTime={e.at}>{formatTime(e.at)}</time> <StatusBadge status={e.status} />{" "}
                {e.nativeState ? <span className="code">[{e.nativeState}]</span> : null} {e.message}{" "}
                <span className="muted">({e.source})</span>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="placed-heading">
          <h2 id="placed-heading">Where and why</h2>
          <dl className="facts">
            <dt>Site / queue</dt>
            <dd>
              {job.site ? <Link href={`/sites/${job.site.id}`}>{job.site.id}</Link> : "not placed"}
              {job.queue ? ` / ${job.queue}` : ""}
            </dd>
            <dt>Endpoint</dt>
            <dd>{job.endpointUrl ?? "none"}</dd>
            <dt>Backend, account</dt>
            <dd>
              {job.backend ?? "none"}
              {job.account ? `, as ${job.account}` : ""}
            </dd>
            <dt>Score</dt>
            <dd>
              {job.placementScore ?? "none"}
              <ul className="terms">
                {job.placementReasons.map((r) => (
                  <li key={r.code}>
                    {r.points >= 0 ? "+" : ""}
                    {r.points} {r.message}
                  </li>
                ))}
              </ul>
            </dd>
            <dt>Asked for</dt>
            <dd>
              {job.cores} cores, {job.memoryMb} MB, {job.wallTimeSeconds} s
              {job.requiredSoftware.length ? `, ${job.requiredSoftware.join(", ")}` : ""}
              {job.containerImage ? `, container ${job.containerImage}` : ""}
            </dd>
            <dt>Runs</dt>
            <dd>
              <code>
                {job.executable} {job.arguments.join(" ")}
              </code>
            </dd>
            <dt>Times</dt>
            <dd>
              submitted {formatTime(job.submittedAt)}
              {job.startedAt ? `, started ${formatTime(job.startedAt)}` : ""}
              {job.finishedAt ? `, finished ${formatTime(job.finishedAt)}` : ""}
            </dd>
          </dl>
        </section>
      </div>
      <Part title="Output (stdout)" errors={errorsAt(error, ["job", "stdout"], "jobs")}>
        <LogTail log={job.stdout} />
      </Part>
      <Part title="Errors (stderr)" errors={errorsAt(error, ["job", "stderr"], "jobs")}>
        <LogTail log={job.stderr} />
      </Part>
      <Part title="Inputs" errors={errorsAt(error, ["job", "inputs"], "datasets")}>
        <ul>
          {job.inputs.map((d, i) =>
            d ? (
              <li key={d.id}>
                <Link href={`/datasets/${encodeURIComponent(d.id)}`}>{d.title}</Link>
              </li>
            ) : (
              <li key={i}>a dataset you cannot see</li>
            ),
          )}
        </ul>
        {!job.inputs.length ? <p>None.</p> : null}
      </Part>
      <Part title="Output datasets" errors={errorsAt(error, ["job", "outputs"], "datasets")}>
        {job.outputs.length ? (
          <ul>
            {job.outputs.map((d, i) =>
              d ? (
                <li key={d.id}>
                  <Link href={`/datasets/${encodeURIComponent(d.id)}`}>{d.title}</Link> (
                  {formatBytes(d.sizeBytes)}
                  {d.checksum ? `, ${d.checksum}` : ""})
                </li>
              ) : (
                <li key={i}>a dataset you cannot see</li>
              ),
            )}
          </ul>
        ) : (
          <p>
            {TERMINAL_STATUSES.has(status)
              ? "No outputs were registered."
              : "Registered when the job completes."}
          </p>
        )}
      </Part>
      <Part title="Research objects" errors={errorsAt(error, ["job", "researchObjects"], "research-objects")}>
        {job.researchObjects?.edges.length ? (
          <ul>
            {job.researchObjects.edges.map(({ node }) => (
              <li key={node.id}>
                <Link href={`/research-objects/${node.id}`}>{node.title}</Link>
                {node.doi ? ` (DOI ${node.doi})` : ""}
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

function LogTail({
  log,
}: {
  log: { text: string; truncated: boolean; sizeBytes: number; downloadPath: string } | null | undefined;
}) {
  const auth = useAuth();
  if (!log) return <p>Nothing yet.</p>;
  const download = async () => {
    // The whole file, with the user's rights (a plain link could not carry the token).
    const response = await fetch(log.downloadPath, {
      headers: { authorization: `Bearer ${auth.accessToken}` },
    });
    const url = URL.createObjectURL(await response.blob());
    const a = Object.assign(document.createElement("a"), {
      href: url,
      download: log.downloadPath.split("/").pop(),
    });
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <pre className="log" tabIndex={0} aria-label="Log tail">
        {log.text || "(empty)"}
      </pre>
      <p className="muted">
        {log.truncated ? `The last part of ${formatBytes(log.sizeBytes)}. ` : ""}
        <button type="button" onClick={() => void download()}>
          Download the whole file
        </button>
      </p>
    </>
  );
}
