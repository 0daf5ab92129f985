/**
 * A site's capability record: queues, compute endpoints, execution and application
 * environments, storage, downtimes and history. Its administrators (and platform
 * administrators) edit the site and its queues here.
 */
import { useState } from "react";
import { useClient, useQuery } from "urql";
import { RecordEditor, type EditorField } from "../components/RecordEditor";
import { Loading, NotLoaded, Part, StatusBadge } from "../components/ui";
import { graphql } from "../gql";
import type { UpdateComputeShareInput, UpdateSiteInput } from "../gql/graphql";
import { usePageTitle, useViewer } from "../lib/context";
import { formatSeconds, formatTime } from "../lib/format";
import { describeError, errorsAt } from "../lib/graph";

const SiteQuery = graphql(`
  query SitePage($id: ID!) {
    site(id: $id) {
      id
      officialName
      ngi
      country
      latitude
      longitude
      kind
      certificationStatus
      infrastructure
      supportedVos
      homeUrl
      version
      inDowntime
      computeShares {
        id
        name
        endpointUrl
        maxSlotsPerJob
        maxMainMemory
        maxWallTime
        maxCpuTime
        freeSlots
        waitingJobs
        vos
        servingState
        version
      }
      computeEndpoints {
        id
        url
        interfaceName
        implementationName
        healthState
        servingState
      }
      executionEnvironments {
        id
        platform
        osName
        osVersion
        logicalCpus
        mainMemory
        gpuModel
        gpuCount
        totalInstances
        benchmarkType
        benchmarkValue
      }
      applicationEnvironments {
        id
        name
        version
      }
      storageEndpoints {
        id
        url
        protocols
        accessLatency
        totalCapacity
        freeCapacity
        vos
      }
      downtimes {
        id
        severity
        classification
        startsAt
        endsAt
        description
      }
      history(first: 25) {
        totalCount
        edges {
          node {
            id
            at
            entityType
            entityId
            action
            changes
            actor
          }
        }
      }
    }
  }
`);

const UpdateShare = graphql(`
  mutation UpdateComputeShare($input: UpdateComputeShareInput!) {
    updateComputeShare(input: $input) {
      computeShare {
        id
        version
      }
    }
  }
`);

const UpdateSite = graphql(`
  mutation UpdateSite($input: UpdateSiteInput!) {
    updateSite(input: $input) {
      site {
        id
        version
      }
    }
  }
`);

const QUEUE_FIELDS: EditorField[] = [
  { name: "maxSlotsPerJob", label: "Most cores per job", kind: "int" },
  { name: "maxMainMemory", label: "Most memory per job (MB)", kind: "int" },
  { name: "maxWallTime", label: "Longest wall time (s)", kind: "int" },
  { name: "maxCpuTime", label: "Longest CPU time (s)", kind: "int" },
  {
    name: "servingState",
    label: "Serving state",
    kind: "select",
    options: ["PRODUCTION", "DRAINING", "QUEUEING", "CLOSED"],
  },
  { name: "vos", label: "VOs", kind: "list", hint: "Comma-separated" },
];

const SITE_FIELDS: EditorField[] = [
  { name: "officialName", label: "Official name", kind: "text" },
  { name: "country", label: "Country (ISO 3166 code)", kind: "text" },
  { name: "latitude", label: "Latitude", kind: "float" },
  { name: "longitude", label: "Longitude", kind: "float" },
  { name: "homeUrl", label: "Web page", kind: "text" },
  { name: "supportedVos", label: "Supported VOs", kind: "list", hint: "Comma-separated" },
];

export default function SitePage({ id }: { id: string }) {
  const viewer = useViewer();
  const client = useClient();
  const [{ data, fetching, error }, refetch] = useQuery({ query: SiteQuery, variables: { id } });
  const [editing, setEditing] = useState<string | null>(null);
  const site = data?.site;
  usePageTitle(site ? `Site ${site.id}` : "Site");
  if (!data && fetching) return <Loading what="the site" />;
  if (!site)
    return (
      <NotLoaded
        what="site"
        error={describeError(error)}
        retry={() => refetch({ requestPolicy: "network-only" })}
      />
    );
  const admin = Boolean(viewer && (viewer.platformAdmin || viewer.adminOfSites.includes(site.id)));
  const reloadSite = async () =>
    (await client.query(SiteQuery, { id }, { requestPolicy: "network-only" }).toPromise()).data?.site ?? null;
  const done = () => {
    setEditing(null);
    refetch({ requestPolicy: "network-only" });
  };
  return (
    <>
      <h1 tabIndex={-1}>
        {site.id}: {site.officialName}
      </h1>
      <p>
        {site.kind} site in {site.country} ({site.ngi}), {site.certificationStatus}, {site.infrastructure}
        {site.inDowntime ? ", in downtime now" : ""}. VOs: {site.supportedVos.join(", ")}.
        {site.homeUrl ? (
          <>
            {" "}
            <a href={site.homeUrl} rel="noreferrer noopener">
              Web page
            </a>
          </>
        ) : null}
      </p>
      {admin ? (
        editing === "site" ? (
          <RecordEditor
            title={`Edit site ${site.id}`}
            fields={SITE_FIELDS}
            record={site}
            reload={reloadSite}
            onDone={done}
            save={async (changes, expectedVersion) => {
              const answer = await client
                .mutation(UpdateSite, {
                  input: { ...(changes as Partial<UpdateSiteInput>), id, expectedVersion },
                })
                .toPromise();
              return describeError(answer.error);
            }}
          />
        ) : (
          <button type="button" onClick={() => setEditing("site")}>
            Edit the site
          </button>
        )
      ) : null}
      <Part title="Queues" errors={errorsAt(error, ["site", "computeShares"], "sites")}>
        <table>
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col">Cores per job</th>
              <th scope="col">Memory per job</th>
              <th scope="col">Wall time</th>
              <th scope="col">Free slots, waiting</th>
              <th scope="col">VOs</th>
              <th scope="col">State</th>
              {admin ? <th scope="col">Edit</th> : null}
            </tr>
          </thead>
          <tbody>
            {site.computeShares.map((q) => (
              <tr key={q.id}>
                <td>{q.name}</td>
                <td>{q.maxSlotsPerJob ?? "unknown"}</td>
                <td>{q.maxMainMemory != null ? `${q.maxMainMemory} MB` : "unknown"}</td>
                <td>{formatSeconds(q.maxWallTime)}</td>
                <td>
                  {q.freeSlots}, {q.waitingJobs}
                </td>
                <td>{q.vos.join(", ")}</td>
                <td>
                  <StatusBadge status={q.servingState} />
                </td>
                {admin ? (
                  <td>
                    <button
                      type="button"
                      aria-label={`Edit queue ${q.name}`}
                      onClick={() => setEditing(q.id)}
                    >
                      Edit
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        {site.computeShares
          .filter((q) => q.id === editing)
          .map((q) => (
            <RecordEditor
              key={q.id}
              title={`Edit queue ${q.name}`}
              fields={QUEUE_FIELDS}
              record={q}
              onDone={done}
              reload={async () => (await reloadSite())?.computeShares.find((x) => x.id === q.id) ?? null}
              save={async (changes, expectedVersion) => {
                const answer = await client
                  .mutation(UpdateShare, {
                    input: { ...(changes as Partial<UpdateComputeShareInput>), id: q.id, expectedVersion },
                  })
                  .toPromise();
                return describeError(answer.error);
              }}
            />
          ))}
      </Part>
      <Part title="Compute endpoints">
        <ul>
          {site.computeEndpoints.map((e) => (
            <li key={e.id}>
              {e.interfaceName} <code>{e.url}</code> ({e.implementationName}){" "}
              <StatusBadge status={e.healthState} /> <StatusBadge status={e.servingState} />
            </li>
          ))}
        </ul>
      </Part>
      <Part title="Execution environments">
        <ul>
          {site.executionEnvironments.map((e) => (
            <li key={e.id}>
              {e.totalInstances} × {e.platform}, {e.osName} {e.osVersion}, {e.logicalCpus} cores,{" "}
              {e.mainMemory} MB
              {e.gpuCount ? `, ${e.gpuCount} × ${e.gpuModel ?? "GPU"}` : ""}
              {e.benchmarkType ? `, ${e.benchmarkType} ${e.benchmarkValue}` : ""}
            </li>
          ))}
        </ul>
      </Part>
      <Part title="Software">
        <p>
          {site.applicationEnvironments
            .map((a) => `${a.name}${a.version ? ` ${a.version}` : ""}`)
            .join(", ") || "None published."}
        </p>
      </Part>
      <Part title="Storage">
        <ul>
          {site.storageEndpoints.map((s) => (
            <li key={s.id}>
              <code>{s.url}</code> ({s.protocols.join(", ")}, {s.accessLatency}), {s.freeCapacity} of{" "}
              {s.totalCapacity} GB free; VOs {s.vos.join(", ")}
            </li>
          ))}
        </ul>
      </Part>
      <Part title="Downtimes">
        {site.downtimes.length ? (
          <ul>
            {site.downtimes.map((d) => (
              <li key={d.id}>
                {d.severity} ({d.classification}) {formatTime(d.startsAt)} to {formatTime(d.endsAt)}:{" "}
                {d.description}
              </li>
            ))}
          </ul>
        ) : (
          <p>None declared.</p>
        )}
      </Part>
      <Part title="History">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {site.history.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>{formatTime(node.at)}</td>
                <td>{node.actor ?? "unknown"}</td>
                <td>
                  {node.action} {node.entityType}
                </td>
                <td>
                  <code>{describeChanges(node.changes)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Part>
    </>
  );
}

/** A history entry's changes ({ field: { before, after } }) in one line: `field: before -> after`. */
export function describeChanges(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .map(([field, change]) => {
      if (change && typeof change === "object" && "after" in change) {
        const { before, after } = change as { before?: unknown; after?: unknown };
        return `${field}: ${JSON.stringify(before ?? null)} -> ${JSON.stringify(after)}`;
      }
      return `${field}: ${JSON.stringify(change)}`;
    })
    .join("; ");
}
