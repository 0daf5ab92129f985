import { pathToFileURL } from "node:url";
import { localReplicaPath } from "@gridgraph/kit";
import type { DatasetsSettings } from "../config";

/** Where the embedded storage keeps what is on "tape" (a NEARLINE replica) until a stage recalls it. */
export const NEARLINE_AREA = "/.nearline";

/**
 * Where a replica's bytes really are, for the transfer engines: an endpoint with a DATA_STORAGE
 * rule at the rule's URL (a real XRootD or WebDAV server), every other endpoint in the embedded
 * folder (DATA_STORAGE_DIR/<site>/<host>/<path>, as the jobs' local executor reads it).
 */
export class StorageMap {
  constructor(private readonly settings: Pick<DatasetsSettings, "storage" | "storageRoot">) {}

  rule(storageUrl: string) {
    const wanted = storageUrl.replace(/\/+$/, "").toLowerCase();
    return this.settings.storage.find((r) => r.endpoint.replace(/\/+$/, "").toLowerCase() === wanted) ?? null;
  }

  /** True when the endpoint is the embedded folder (its tape is simulated, see NEARLINE_AREA). */
  embedded(storageUrl: string): boolean {
    return this.rule(storageUrl) === null;
  }

  /** The URL the engines read or write for <path> at the endpoint (on tape, for `nearline`). */
  locate(siteId: string, storageUrl: string, replicaPath: string, nearline = false): string {
    const rule = this.rule(storageUrl);
    const relative = `/${replicaPath.replace(/^\/+/, "")}`;
    if (rule) return `${rule.url.replace(/\/+$/, "")}${relative}`;
    const file = localReplicaPath(
      this.settings.storageRoot,
      siteId,
      storageUrl,
      nearline ? `${NEARLINE_AREA}${relative}` : relative,
    );
    if (!file) throw new Error(`'${replicaPath}' is not a path inside the storage endpoint`);
    return pathToFileURL(file).href;
  }
}
