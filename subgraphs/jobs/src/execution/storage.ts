import fs from "node:fs";

/**
 * This machine's view of the sites' storage (JOBS_STORAGE_DIR, laid out as the kit's
 * `localReplicaPath` says): the local executor links inputs from there and copies outputs
 * there, so a later job at the same site reads them.
 */
export { localReplicaPath } from "@gridgraph/kit";

export function existingFile(file: string | null): string | null {
  try {
    return file && fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}
