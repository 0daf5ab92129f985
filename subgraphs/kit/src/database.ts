import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { MikroORM, ReflectMetadataProvider, type Constructor } from "@mikro-orm/core";
import { Migrator, type Migration } from "@mikro-orm/migrations";
import { PostgreSqlDriver } from "@mikro-orm/postgresql";
import { Client } from "pg";
import type { Logger } from "./logger";

/**
 * Where a service keeps its data. Embedded PGlite (on disk or in memory) is served on
 * a loopback socket so that the ordinary PostgreSQL driver talks to it: one driver,
 * one set of migrations, the same SQL as against a real server.
 */
export type DatabaseLocation =
  | { kind: "embedded"; dataDir: string }
  | { kind: "memory" }
  | { kind: "server"; url: string; createIfMissing?: boolean };

export interface DatabaseOptions {
  service: string;
  location: DatabaseLocation;
  entities: Constructor[];
  migrations: { name: string; class: Constructor<Migration> }[];
  logger: Logger;
  /** Pool size; PGlite serialises transactions anyway, so a handful is enough. */
  poolSize?: number;
  /** Apply pending migrations at open (default), under an advisory lock on a server. */
  migrate?: boolean;
}

/** Counts the SQL statements a service sends; read by the N+1 tests and the benchmarks. */
export class QueryCounter {
  count = 0;
  statements: string[] = [];
  recording = false;
  record(sql: string) {
    this.count++;
    if (this.recording) this.statements.push(sql);
  }
  reset() {
    this.count = 0;
    this.statements = [];
  }
}

export interface Database {
  orm: MikroORM<PostgreSqlDriver>;
  queries: QueryCounter;
  description: string;
  /** Embedded only: the private folder (0700) holding the database's Unix socket. */
  socketDir?: string;
  close(): Promise<void>;
}

async function ensureServerDatabase(url: string, logger: Logger) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Database name '${name}' must be [A-Za-z0-9_]+`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) {
      try {
        await client.query(`create database "${name}"`);
        logger.info("created database", { database: name });
      } catch (error) {
        // Another replica created it a moment ago (42P04), or is creating it (23505): fine.
        const code = (error as { code?: string }).code;
        if (code !== "42P04" && code !== "23505") throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * Where this user keeps the PGlite template: a folder of their own (mode 0700), never the
 * shared system temp folder, where another user of the machine could plant a poisoned one.
 */
export function pgliteTemplateDir(env = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(homedir(), ".cache");
  return path.join(base, "gridgraph");
}

/** True when `file` is ours and nobody else can write it (or the folder it is in). */
function ownedAndPrivate(file: string): boolean {
  const uid = process.getuid?.();
  for (const target of [path.dirname(file), file]) {
    const stat = statSync(target);
    if (uid !== undefined && stat.uid !== uid) return false;
    if (stat.mode & 0o022) return false; // group- or world-writable
  }
  return true;
}

/**
 * A freshly initialised PGlite data directory, dumped once per user and PGlite version.
 * Creating a PGlite database runs initdb: about 7 s alone and over 20 s when four services
 * do it at once on two cores. Loading this dump instead takes about 2 s, so first starts and
 * every test file are that much faster. Several processes may ask at once: one builds the
 * dump under a lock directory, the others wait for the file, which appears atomically. A dump
 * that is not the user's own, or that others could have written, is not used: it is rebuilt.
 */
async function pgliteTemplate(logger: Logger): Promise<Blob> {
  const pkg = path.join(path.dirname(require.resolve("@electric-sql/pglite")), "..", "package.json");
  const version = (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version;
  const dir = pgliteTemplateDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = path.join(dir, `pglite-${version}.tar`);
  const usable = () => existsSync(file) && ownedAndPrivate(file);
  if (existsSync(file) && !usable())
    logger.warn("the PGlite template is not this user's alone; rebuilding it", { file });
  const lock = `${file}.lock`;
  const deadline = Date.now() + 180_000;
  while (!usable()) {
    try {
      mkdirSync(lock, { mode: 0o700 });
    } catch {
      // Someone else is building it; a lock older than two minutes belongs to a dead process.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the PGlite template at ${file}`);
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      if (!usable()) {
        logger.info("initialising the embedded PostgreSQL template (once per user)", { file });
        const db = await PGlite.create("memory://");
        const dump = await db.dumpDataDir("none");
        await db.close();
        // Written aside and renamed over: a reader never sees half a template.
        const partial = `${file}.${process.pid}.partial`;
        writeFileSync(partial, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
        renameSync(partial, file);
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return new Blob([readFileSync(file)]);
}

/** Takes group and other permissions off every file and folder under `dir` (older data dirs). */
function makePrivate(dir: string) {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const mode = statSync(full).mode;
    if (mode & 0o077) chmodSync(full, entry.isDirectory() ? 0o700 : 0o600);
  }
}

/**
 * Runs `work` while this process holds a PostgreSQL advisory lock named `name` on the server
 * database: replicas of a service that start together migrate (or seed) one after the other,
 * the later ones finding nothing left to do. Embedded databases belong to one process: no lock.
 */
export async function withDatabaseLock<T>(
  location: DatabaseLocation,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  if (location.kind !== "server") return work();
  const client = new Client({ connectionString: location.url });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext($1))", [`gridgraph:${name}`]);
    return await work();
  } finally {
    // Closing the session releases the lock too, even when the unlock cannot be sent.
    await client
      .query("select pg_advisory_unlock(hashtext($1))", [`gridgraph:${name}`])
      .catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const { location, logger } = options;
  const queries = new QueryCounter();
  let connection: { clientUrl: string } | { host: string; port: number; user: string; dbName: string };
  let socketDir: string | undefined;
  let pglite: PGlite | undefined;
  let socketServer: PGLiteSocketServer | undefined;
  let description: string;

  if (location.kind === "server") {
    if (location.createIfMissing) await ensureServerDatabase(location.url, logger);
    connection = { clientUrl: location.url };
    description = `postgresql ${new URL(location.url).host}${new URL(location.url).pathname}`;
  } else {
    const dataDir = location.kind === "embedded" ? location.dataDir : undefined;
    const initialised = dataDir !== undefined && existsSync(path.join(dataDir, "PG_VERSION"));
    // Everything this process writes from now on (PGlite's files) is the owner's alone.
    process.umask(0o077);
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      makePrivate(dataDir);
    }
    pglite = initialised
      ? await PGlite.create(dataDir)
      : await PGlite.create({ dataDir, loadDataDir: await pgliteTemplate(logger) });
    // PostgreSQL writes a few files with modes of its own (pg_internal.init): the folder's
    // 0700 keeps them from others anyway, and their bits are mended at start and close.
    if (dataDir) makePrivate(dataDir);
    // Served on a Unix socket in a folder only this user can enter (mkdtemp makes it 0700):
    // PGlite knows no passwords, so no TCP port another process or user could reach.
    socketDir = mkdtempSync(path.join(tmpdir(), "gridgraph-db-"));
    socketServer = new PGLiteSocketServer({
      db: pglite,
      path: path.join(socketDir, ".s.PGSQL.5432"),
      maxConnections: 32,
    });
    await socketServer.start();
    connection = { host: socketDir, port: 5432, user: "postgres", dbName: "postgres" };
    description = dataDir ? `embedded pglite ${dataDir}` : "embedded pglite (in memory)";
  }

  const orm = await MikroORM.init<PostgreSqlDriver>({
    driver: PostgreSqlDriver,
    ...connection,
    entities: options.entities,
    metadataProvider: ReflectMetadataProvider,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      tableName: "mikro_orm_migrations",
      snapshot: false,
    },
    pool: { min: 0, max: options.poolSize ?? 5 },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    // MikroORM's own messages (migrator progress) go to our structured log at debug level.
    // eslint-disable-next-line no-control-regex -- strips ANSI colours from MikroORM output
    logger: (message) => logger.debug(message.replace(/\x1b\[[0-9;]*m/g, "")),
    ensureDatabase: false,
    onQuery: (sql) => {
      queries.record(sql);
      return sql;
    },
  });

  if (options.migrate !== false)
    await withDatabaseLock(location, `migrate:${options.service}`, async () => {
      const pending = await orm.migrator.getPendingMigrations();
      if (pending.length > 0) {
        await orm.migrator.up();
        logger.info("applied migrations", { migrations: pending.map((m) => m.name) });
      }
    });
  logger.info("database ready", { database: description });

  return {
    orm,
    queries,
    description,
    socketDir,
    async close() {
      await orm.close(true);
      await socketServer?.stop();
      await pglite?.close();
      if (socketDir) rmSync(socketDir, { recursive: true, force: true });
      if (location.kind === "embedded") makePrivate(location.dataDir);
    },
  };
}

/** The `DatabaseLocation` a service uses, from the environment (see README "Configuration"). */
export function databaseLocationFromEnv(service: string, env = process.env): DatabaseLocation {
  const envName = `${service.toUpperCase().replace(/-/g, "_")}_DATABASE_URL`;
  const own = env[envName];
  if (own) return { kind: "server", url: own, createIfMissing: true };
  const server = env.DATABASE_SERVER_URL;
  if (server) {
    const url = new URL(server);
    url.pathname = `/gridgraph_${service.replace(/-/g, "_")}`;
    return { kind: "server", url: url.toString(), createIfMissing: true };
  }
  const dataDir = env.GRIDGRAPH_DATA_DIR ?? ".data";
  if (dataDir === "memory") return { kind: "memory" };
  return { kind: "embedded", dataDir: `${dataDir}/${service}` };
}
