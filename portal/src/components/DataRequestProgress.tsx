/**
 * A data request a job waits for (staging from tape, a transfer to its site), with its progress
 * in bytes and files, followed live from the request's event stream.
 */
import { useQuery } from "urql";
import { graphql } from "../gql";
import { useAuth } from "../lib/context";
import { useEventStream } from "../lib/event-stream";
import { formatBytes } from "../lib/format";
import { describeError } from "../lib/graph";
import { ErrorNote, StatusBadge } from "./ui";

const DataRequestQuery = graphql(`
  query DataRequestProgress($id: ID!) {
    dataRequest(id: $id) {
      id
      kind
      state
      destinationSiteId
      bytesTotal
      bytesDone
      eventsPath
      summary {
        submitted
        staging
        active
        finished
        failed
        canceled
      }
      files {
        id
        state
        lastError
        dataset {
          title
        }
      }
    }
  }
`);

export function DataRequestProgress({ id }: { id: string }) {
  const auth = useAuth();
  const [{ data, error }, refetch] = useQuery({ query: DataRequestQuery, variables: { id } });
  const request = data?.dataRequest;
  // Each event (a file's progress or state) changes what is shown: read the request again.
  useEventStream(
    request?.eventsPath,
    () => auth.accessToken,
    () => refetch({ requestPolicy: "network-only" }),
  );
  if (!request) return <ErrorNote error={describeError(error)} what={`Data request ${id}`} />;
  const s = request.summary;
  return (
    <div className="data-request">
      <p>
        {request.kind === "STAGE" ? "Recall from tape" : "Copy"} to {request.destinationSiteId}:{" "}
        <StatusBadge status={request.state} /> {formatBytes(request.bytesDone)} of{" "}
        {formatBytes(request.bytesTotal)}
      </p>
      <progress
        max={Math.max(request.bytesTotal, 1)}
        value={request.bytesDone}
        aria-label={`Data ${request.kind === "STAGE" ? "recalled" : "copied"} to ${request.destinationSiteId}`}
      />
      <p className="muted">
        Files: {s.finished} done, {s.active + s.staging} moving, {s.submitted} waiting
        {s.failed ? `, ${s.failed} failed` : ""}
        {s.canceled ? `, ${s.canceled} cancelled` : ""}.
      </p>
      {request.files
        .filter((f) => f.lastError)
        .map((f) => (
          <p key={f.id} className="problem">
            {f.dataset?.title ?? f.id}: {f.lastError}
          </p>
        ))}
    </div>
  );
}
