/**
 * The portal's frame: who is signed in, the navigation, and one lazily loaded chunk per page
 * (the first page loads only what it needs). Pages read the graph through the one urql client.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { Provider, useQuery } from "urql";
import { Link, Route, Switch, useLocation } from "wouter";
import { Loading } from "./components/ui";
import { graphql } from "./gql";
import { AuthContext, useAuth, ViewerContext, type Viewer } from "./lib/context";
import type { Auth } from "./lib/auth";
import { useBasket } from "./lib/basket";
import { createGraphClient } from "./lib/graph";
import { SearchPage } from "./pages/SearchPage";

const DatasetPage = lazy(() => import("./pages/DatasetPage"));
const BasketPage = lazy(() => import("./pages/BasketPage"));
const PlacementPage = lazy(() => import("./pages/PlacementPage"));
const JobsPage = lazy(() => import("./pages/JobsPage"));
const JobPage = lazy(() => import("./pages/JobPage"));
const ResearchObjectsPage = lazy(() => import("./pages/ResearchObjectsPage"));
const ResearchObjectPage = lazy(() => import("./pages/ResearchObjectPage"));
const SitesPage = lazy(() => import("./pages/SitesPage"));
const SitePage = lazy(() => import("./pages/SitePage"));
const ProfilePage = lazy(() => import("./pages/ProfilePage"));

const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      sub
      name
      email
      vos
      managedVos
      adminOfSites
      platformAdmin
    }
  }
`);

export function App({ auth }: { auth: Auth }) {
  const user = useSyncExternalStore(
    (listener) => auth.subscribe(listener),
    () => auth.current,
  );
  // A new client when the user changes: nothing cached for one person is shown to another.
  const client = useMemo(() => createGraphClient(auth), [auth, user?.profile.sub]);
  return (
    <AuthContext.Provider value={auth}>
      <Provider value={client}>
        <Frame signedIn={Boolean(user)} />
      </Provider>
    </AuthContext.Provider>
  );
}

function Frame({ signedIn }: { signedIn: boolean }) {
  const [{ data }] = useQuery({ query: ViewerQuery, pause: !signedIn });
  const viewer: Viewer | null = signedIn ? (data?.viewer ?? null) : null;
  const [location] = useLocation();
  const basketIds = useBasket();
  const [announce, setAnnounce] = useState("");
  const firstLocation = useRef(location);
  useEffect(() => {
    // After a client-side navigation (not on the first page load, where the browser's own
    // focus order starts at "Skip to content"), screen readers hear where it went and focus
    // goes to the new page's heading.
    if (location === firstLocation.current) return;
    firstLocation.current = "";
    setAnnounce(document.title);
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [location]);
  return (
    <ViewerContext.Provider value={viewer}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link href="/" className="brand">
          gridgraph
        </Link>
        <nav aria-label="Main">
          <ul>
            <li>
              <Link href="/">Find data</Link>
            </li>
            <li>
              <Link href="/basket">Basket ({basketIds.length})</Link>
            </li>
            <li>
              <Link href="/run">Where can it run?</Link>
            </li>
            <li>
              <Link href="/jobs">Jobs</Link>
            </li>
            <li>
              <Link href="/research-objects">Research objects</Link>
            </li>
            <li>
              <Link href="/sites">Sites</Link>
            </li>
          </ul>
        </nav>
        <UserMenu viewer={viewer} signedIn={signedIn} />
      </header>
      <main id="main">
        <Suspense fallback={<Loading what="the page" />}>
          <Switch>
            <Route path="/" component={SearchPage} />
            <Route path="/datasets/:id">{(params) => <DatasetPage id={params.id} />}</Route>
            <Route path="/basket" component={BasketPage} />
            <Route path="/run" component={PlacementPage} />
            <Route path="/jobs" component={JobsPage} />
            <Route path="/jobs/:id">{(params) => <JobPage id={params.id} />}</Route>
            <Route path="/research-objects" component={ResearchObjectsPage} />
            <Route path="/research-objects/:id">{(params) => <ResearchObjectPage id={params.id} />}</Route>
            <Route path="/sites" component={SitesPage} />
            <Route path="/sites/:id">{(params) => <SitePage id={params.id} />}</Route>
            <Route path="/me" component={ProfilePage} />
            <Route>
              <h1 tabIndex={-1}>Not found</h1>
              <p>
                No page here. <Link href="/">Find data</Link>.
              </p>
            </Route>
          </Switch>
        </Suspense>
      </main>
      <div className="visually-hidden" aria-live="polite">
        {announce}
      </div>
    </ViewerContext.Provider>
  );
}

function UserMenu({ viewer, signedIn }: { viewer: Viewer | null; signedIn: boolean }) {
  const auth = useAuth();
  if (!signedIn)
    return (
      <button type="button" onClick={() => void auth.signIn()}>
        Sign in
      </button>
    );
  return (
    <div className="user">
      <Link href="/me">{viewer?.name ?? viewer?.sub ?? "Signed in"}</Link>
      <button type="button" onClick={() => void auth.signOut()}>
        Sign out
      </button>
    </div>
  );
}
