import path from "node:path";

/**
 * The local view of the sites' storage that the embedded default gives every storage endpoint
 * (the datasets service's DATA_STORAGE_DIR, the jobs service's JOBS_STORAGE_DIR; the same folder
 * under `npm start`): a replica at <storage URL>/<path> of site S is the file
 * <root>/<S>/<host>/<path>. A path that would leave the root (`..`) has no local file.
 */
export function localReplicaPath(
  root: string,
  siteId: string,
  storageUrl: string,
  replicaPath: string,
): string | null {
  let host: string;
  try {
    host = new URL(storageUrl).host.replace(/:/g, "_") || "local";
  } catch {
    return null;
  }
  const base = path.join(root, siteId.replace(/[/\\]/g, "_"), host);
  const full = path.resolve(base, "." + path.posix.normalize("/" + replicaPath));
  return full.startsWith(base + path.sep) ? full : null;
}
