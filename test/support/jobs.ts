import { createParser } from "eventsource-parser";
import type { Stack } from "../../scripts/in-process-stack";

export const JOB_FIELDS = `id status nativeState exitCode statusReason backend backendJobId account attempt reschedules
  site { id } queue endpointUrl placementScore placementReasons { code points message }
  events { seq status nativeState message source }
  stdout { text truncated sizeBytes downloadPath } stderr { text }
  outputs { id lfn checksum sizeBytes derivedFrom { id } producedBy { id } replicas { state path site { id } } }`;

export const SUBMIT = `mutation($input: SubmitJobInput!) { submitJob(input: $input) { job { ${JOB_FIELDS} } } }`;
export const JOB = `query($id: ID!) { job(id: $id) { ${JOB_FIELDS} } }`;

/** A LOFAR dataset alice can see with an ONLINE replica at SARA-MATRIX (where LINC 5.0 runs). */
export async function lofarInputAtSara(stack: Stack): Promise<{ id: string; lfn: string }> {
  const { data } = await stack.query(
    `{ datasets(filter: { community: LOFAR }, first: 250) { edges { node { id lfn replicas { state site { id } } } } } }`,
    {},
    { as: "alice" },
  );
  const found = data.datasets.edges
    .map((e: any) => e.node)
    .find((d: any) => d.replicas.some((r: any) => r.state === "ONLINE" && r.site?.id === "SARA-MATRIX"));
  if (!found) throw new Error("the seeds have no LOFAR dataset ONLINE at SARA-MATRIX");
  return found;
}

/** A shell job for alice at SARA-MATRIX (where her LOFAR input is). */
export function shellJob(script: string, extra: Record<string, unknown> = {}) {
  return {
    name: "shell",
    vo: "vo.lofar.eu",
    executable: "/bin/sh",
    arguments: ["-c", script],
    siteId: "SARA-MATRIX",
    wallTimeSeconds: 600,
    ...extra,
  };
}

/** Reads a job's server-sent events at the gateway until the stream ends. */
export async function readEventStream(url: string, token: string, lastEventId?: string) {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
  });
  const events: { event?: string; id?: string; data: any }[] = [];
  if (!response.ok) return { status: response.status, events, body: await response.text() };
  const parser = createParser({
    onEvent: (e) => events.push({ event: e.event, id: e.id, data: JSON.parse(e.data) }),
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
    parser.feed(decoder.decode(chunk, { stream: true }));
  return { status: response.status, events, body: "" };
}

export async function waitForJob(
  stack: Stack,
  id: string,
  done: (job: any) => boolean,
  as = "alice",
  tries = 600,
): Promise<any> {
  for (let i = 0; i < tries; i++) {
    const { data, errors } = await stack.query(JOB, { id }, { as });
    if (errors) throw new Error(JSON.stringify(errors));
    if (done(data.job)) return data.job;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`job ${id} did not reach the expected state`);
}

export const final = (job: any) => ["COMPLETED", "FAILED", "CANCELLED"].includes(job.status);
