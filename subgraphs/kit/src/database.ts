import { mkdirSync } from "node:fs";
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
      await client.query(`create database "${name}"`);
      logger.info("created database", { database: name });
    }
  } finally {
    await client.end();
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const { location, logger } = options;
  const queries = new QueryCounter();
  let clientUrl: string;
  let pglite: PGlite | undefined;
  let socketServer: PGLiteSocketServer | undefined;
  let description: string;

  if (location.kind === "server") {
    if (location.createIfMissing) await ensureServerDatabase(location.url, logger);
    clientUrl = location.url;
    description = `postgresql ${new URL(location.url).host}${new URL(location.url).pathname}`;
  } else {
    const dataDir = location.kind === "embedded" ? location.dataDir : undefined;
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    pglite = await PGlite.create(dataDir ?? "memory://");
    socketServer = new PGLiteSocketServer({ db: pglite, port: 0, host: "127.0.0.1", maxConnections: 32 });
    await socketServer.start();
    clientUrl = `postgresql://postgres@${socketServer.getServerConn()}/postgres`;
    description = dataDir ? `embedded pglite ${dataDir}` : "embedded pglite (in memory)";
  }

  const orm = await MikroORM.init<PostgreSqlDriver>({
    driver: PostgreSqlDriver,
    clientUrl,
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

  const pending = await orm.migrator.getPendingMigrations();
  if (pending.length > 0) {
    await orm.migrator.up();
    logger.info("applied migrations", { migrations: pending.map((m) => m.name) });
  }
  logger.info("database ready", { database: description });

  return {
    orm,
    queries,
    description,
    async close() {
      await orm.close(true);
      await socketServer?.stop();
      await pglite?.close();
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
