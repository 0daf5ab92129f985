/** Who you are to the graph: your subject, VOs, the VOs you manage, the sites you administer. */
import { useAuth, usePageTitle, useViewer } from "../lib/context";

export default function ProfilePage() {
  usePageTitle("You");
  const viewer = useViewer();
  const auth = useAuth();
  if (!viewer)
    return (
      <>
        <h1 tabIndex={-1}>Not signed in</h1>
        <button type="button" onClick={() => void auth.signIn("/me")}>
          Sign in
        </button>
      </>
    );
  const expires = auth.current?.expires_at;
  return (
    <>
      <h1 tabIndex={-1}>{viewer.name ?? viewer.sub}</h1>
      <dl className="facts">
        <dt>Subject</dt>
        <dd>{viewer.sub}</dd>
        <dt>E-mail</dt>
        <dd>{viewer.email ?? "not given"}</dd>
        <dt>VOs</dt>
        <dd>{viewer.vos.join(", ") || "none"}</dd>
        <dt>Roles</dt>
        <dd>
          <ul>
            {viewer.vos.map((vo) => (
              <li key={vo}>
                {vo}: {viewer.managedVos.includes(vo) ? "manager" : "member"}
              </li>
            ))}
            {viewer.adminOfSites.map((site) => (
              <li key={site}>administrator of site {site}</li>
            ))}
            {viewer.platformAdmin ? <li>platform administrator</li> : null}
          </ul>
        </dd>
        <dt>Session</dt>
        <dd>
          {expires
            ? `Access token valid until ${new Date(expires * 1000).toISOString()}, renewed automatically.`
            : ""}
        </dd>
      </dl>
    </>
  );
}
