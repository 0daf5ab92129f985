import type { Access } from "@gridgraph/kit";

/**
 * Who may see the people behind a site record's history (each change's actor): the site's
 * administrators and platform administrators. Everybody sees what changed and when.
 */
export function canSeeActorsOfSite(access: Access, siteId: string): boolean {
  return access.isPlatformAdmin() || access.isSiteAdmin(siteId);
}
