import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { EntityManager } from "@mikro-orm/postgresql";
import { adler32Of, type Logger } from "@gridgraph/kit";
import { Replica, ReplicaState } from "../entities";
import type { StorageMap } from "./storage-map";

/**
 * The small file that stands in for a seeded dataset's bytes under the embedded storage
 * (a LOFAR L2 set stays 1.4 TB in the catalogue; its replicas hold 4-68 KiB): the same bytes
 * on every machine, derived from the dataset id, so the replica rows can carry their size and
 * ADLER32 and transfers really move and verify bytes.
 */
export function standIn(datasetId: string): Buffer {
  const seed = createHash("sha256").update(datasetId).digest();
  const size = 4096 + (seed.readUInt32BE(0) % (64 * 1024));
  const out = Buffer.alloc(size);
  let block = seed;
  for (let at = 0; at < size; at += block.length) {
    block = createHash("sha256").update(block).digest();
    block.copy(out, at);
  }
  return out;
}

export function standInFacts(datasetId: string): { sizeBytes: number; checksum: string } {
  const bytes = standIn(datasetId);
  return { sizeBytes: bytes.length, checksum: adler32Of(bytes) };
}

/**
 * Writes the stand-in of every replica at an embedded endpoint whose file is missing and whose
 * recorded checksum is the stand-in's (so nothing else is ever invented): on disk for ONLINE
 * replicas, in the tape area for NEARLINE ones.
 */
export async function materialiseStandIns(
  em: EntityManager,
  storage: StorageMap,
  logger: Logger,
): Promise<number> {
  const replicas = await em.find(Replica, {
    checksum: { $ne: null },
    state: { $in: [ReplicaState.ONLINE, ReplicaState.NEARLINE, ReplicaState.STAGING] },
  });
  let written = 0;
  for (const replica of replicas) {
    if (!storage.embedded(replica.storageUrl)) continue;
    const nearline = replica.state !== ReplicaState.ONLINE;
    let file: string;
    try {
      file = fileURLToPath(storage.locate(replica.siteId, replica.storageUrl, replica.path, nearline));
    } catch {
      continue;
    }
    if (fs.existsSync(file)) continue;
    const bytes = standIn(replica.datasetId);
    if (adler32Of(bytes) !== replica.checksum) continue;
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(file, bytes);
    written += 1;
  }
  if (written) logger.info("wrote the seeded replicas' stand-in files to the embedded storage", { written });
  return written;
}
