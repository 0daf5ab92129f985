import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLogger, openDatabase, pgliteTemplateDir } from "@gridgraph/kit";
import { datasetsSubgraph } from "../subgraphs/datasets/src/schema";

/**
 * The embedded databases are the owner's alone: served on a Unix socket in a 0700 folder (no
 * TCP port; PGlite knows no passwords), data files without group or other permissions, and a
 * template in the user's own cache folder that is rebuilt if anyone else could have written it.
 */
const server = Boolean(process.env.TEST_DATABASE_URL);
const maybe = server ? describe.skip : describe;
if (server) console.log("embedded-database.test: skipped, the suite runs on a PostgreSQL server");

const logger = createLogger({}, "silent");
const open = (dataDir: string) =>
  openDatabase({
    service: "datasets",
    location: { kind: "embedded", dataDir },
    entities: datasetsSubgraph.entities,
    migrations: datasetsSubgraph.migrations,
    logger,
  });

function everyEntry(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).map((e) =>
    path.join(e.parentPath, e.name),
  );
}

maybe("embedded PGlite", () => {
  const root = mkdtempSync(path.join(tmpdir(), "gridgraph-private-"));
  const cache = path.join(root, "cache");
  const previousCache = process.env.XDG_CACHE_HOME;
  beforeAll(() => {
    process.env.XDG_CACHE_HOME = cache; // a template of this test's own
  });
  afterAll(() => {
    if (previousCache === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = previousCache;
    rmSync(root, { recursive: true, force: true });
  });

  it("listens on a Unix socket in a folder only its owner can enter, and another user is refused", async () => {
    const db = await open(path.join(root, "a"));
    try {
      expect(db.socketDir).toBeDefined();
      const folder = statSync(db.socketDir!);
      expect(folder.mode & 0o777).toBe(0o700);
      expect(folder.uid).toBe(process.getuid!());
      expect((await db.orm.em.getConnection().execute("select 1 as one"))[0].one).toBe(1);

      // Another user of the machine (nobody) tries to connect, without credentials.
      const socket = path.join(db.socketDir!, ".s.PGSQL.5432");
      const asNobody = spawnSync(
        "runuser",
        [
          "-u",
          "nobody",
          "--",
          process.execPath,
          "-e",
          `require("net").connect(${JSON.stringify(socket)}).on("connect", () => { console.log("CONNECTED"); process.exit(0); }).on("error", (e) => { console.log(e.code); process.exit(0); })`,
        ],
        { encoding: "utf8" },
      );
      if (asNobody.error || process.getuid!() !== 0) {
        console.log(
          "embedded-database.test: cannot run as another user here; folder permissions checked only",
        );
      } else {
        expect(asNobody.stdout.trim()).toBe("EACCES");
      }
    } finally {
      await db.close();
    }
    // The socket folder is gone with the database.
    expect(() => statSync(db.socketDir!)).toThrow();
  });

  it("keeps data files private, also those an older version left readable", async () => {
    const dataDir = path.join(root, "b");
    await (await open(dataDir)).close();
    const stale = path.join(dataDir, "left-by-an-older-version");
    writeFileSync(stale, "x");
    chmodSync(stale, 0o666);
    chmodSync(dataDir, 0o755);
    const db = await open(dataDir);
    try {
      await db.orm.em.getConnection().execute("create table written_now (id int)");
      // While it runs, the folder is the owner's alone: nobody else can enter it at all.
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    } finally {
      await db.close();
    }
    expect(everyEntry(dataDir).filter((f) => statSync(f).mode & 0o077)).toEqual([]);
  });

  it("keeps the template in the user's cache, private, and rebuilds one that others could have written", async () => {
    const dir = pgliteTemplateDir();
    expect(dir).toBe(path.join(cache, "gridgraph"));
    const [template] = readdirSync(dir).filter((f) => f.endsWith(".tar"));
    const file = path.join(dir, template);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Planted or tampered with: world-writable. The next database does not trust it.
    writeFileSync(file, "not a PGlite data directory");
    chmodSync(file, 0o666);
    const db = await open(path.join(root, "c"));
    try {
      expect((await db.orm.em.getConnection().execute("select 1 as one"))[0].one).toBe(1);
    } finally {
      await db.close();
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
  });
});
