import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Where `npm start` leaves the registry's operator secret for `npm run registry` on the same
 * machine: in the data folder, readable by its owner only. Elsewhere operators set
 * REGISTRY_OPERATOR_SECRET themselves.
 */
export function operatorSecretFile(env = process.env): string | undefined {
  const dataDir = env.GRIDGRAPH_DATA_DIR ?? ".data";
  return dataDir === "memory" ? undefined : path.resolve(dataDir, "registry-operator-secret");
}

export function writeOperatorSecret(secret: string, env = process.env) {
  const file = operatorSecretFile(env);
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, secret + "\n", { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, file);
}

export function readOperatorSecret(env = process.env): string | undefined {
  if (env.REGISTRY_OPERATOR_SECRET) return env.REGISTRY_OPERATOR_SECRET;
  const file = operatorSecretFile(env);
  return file && existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}
