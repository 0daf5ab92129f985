import { createContext, useContext } from "react";
import type { Auth } from "./auth";

export interface Viewer {
  sub: string;
  name?: string | null;
  email?: string | null;
  vos: string[];
  managedVos: string[];
  adminOfSites: string[];
  platformAdmin: boolean;
}

export const AuthContext = createContext<Auth | null>(null);
export const ViewerContext = createContext<Viewer | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth outside the portal's frame");
  return auth;
}

/** The signed-in user as the graph sees them (VOs, roles), or null when signed out. */
export function useViewer(): Viewer | null {
  return useContext(ViewerContext);
}

/** Sets the tab's title: it is also what a screen reader announces after a navigation. */
export function usePageTitle(title: string) {
  if (typeof document !== "undefined") document.title = `${title} - gridgraph`;
}
