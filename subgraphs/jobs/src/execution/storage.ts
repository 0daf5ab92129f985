import fs from "node:fs";
import path from "node:path";

/**
 * This machine's view of the sites' storage (JOBS_STORAGE_DIR): a replica at
 * <storage URL>/<path> of site S is the file <root>/<S>/<host>/<path>. The local executor links
 * inputs from there and copies outputs there, so a later job at the same site reads them.
 * A path that would leave the root (`..`) has no local file.
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

export function existingFile(file: string | null): string | null {
  try {
    return file && fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}
