// How Leadtrack reaches its data: Postgres when a URL is given, otherwise the embedded
// PGlite database kept in a folder. Both return the same Prisma client.
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { LOCK_FILE, lockDataFolder, restrictToOwner } from './data-folder-lock';
import { PrismaClient } from './generated/client';
import { applyMigrations, type SqlRunner } from './migrate';

export { DataFolderInUseError, LOCK_FILE } from './data-folder-lock';
export * from './generated/client';
export { applyMigrations, MIGRATIONS_DIR, readMigrations, type SqlRunner } from './migrate';

export type DatabaseKind = 'postgres' | 'embedded';

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** One round trip: resolves when the database answers, rejects otherwise. */
  ping(): Promise<void>;
  /**
   * A parameterised query straight through the driver, for the few hot paths where
   * Prisma's per-call cost (its query compiler runs in WASM) dominates a one-row read.
   * Select text and numbers only: date columns would arrive as driver-specific types.
   */
  query<T>(text: string, values?: unknown[]): Promise<T[]>;
  /** PostgreSQL's pool right now (GET /metrics); absent for the embedded database. */
  poolStats?(): PoolStats;
  /**
   * The embedded database's folder as a gzipped tar, consistent: taken between
   * transactions after a checkpoint (db:backup). Absent for PostgreSQL (use pg_dump).
   */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface PoolStats {
  inUse: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
}

export interface DatabaseOptions {
  /** A postgres:// URL. When absent the embedded database in `dataDir` is used. */
  url?: string | undefined;
  /** Folder for the embedded database. */
  dataDir?: string | undefined;
  /** Pool size for Postgres. */
  maxConnections?: number | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.maxConnections ?? 10);
  if (!options.dataDir) throw new Error('Either a database URL or a data folder is required.');
  return openEmbedded(options.dataDir);
}

/**
 * A Database over a driver's `query`: a ping is `SELECT 1` through it, and closing ends
 * Prisma first, then the driver (`end`).
 */
function database(
  kind: DatabaseKind,
  prisma: PrismaClient,
  query: Database['query'],
  end: () => Promise<void>,
): Database {
  return {
    kind,
    prisma,
    async ping() {
      await query('SELECT 1');
    },
    query,
    async close() {
      await prisma.$disconnect();
      await end();
    },
  };
}

/** How many distinct statements a process prepares at most (each on every connection). */
export const PREPARED_STATEMENT_LIMIT = 300;

/**
 * A name for each distinct statement text, so that node-postgres prepares it once per
 * connection and PostgreSQL plans it once there, not at every call: planning was most of a
 * hot read's database time (pgbench on authenticate's read, 4 clients: 3,259 calls/s
 * unprepared, 13,630 prepared). Names are handed out in order of first use, so two texts
 * never share one; past `limit` distinct texts (statements built with a varying number of
 * parameters) a text goes unnamed, planned at each call as before, which bounds the
 * statements each connection keeps.
 */
export function statementNames(
  limit = PREPARED_STATEMENT_LIMIT,
): (text: string) => string | undefined {
  const names = new Map<string, string>();
  return (text) => {
    let name = names.get(text);
    if (name === undefined && names.size < limit) {
      name = `leadtrack_${names.size}`;
      names.set(text, name);
    }
    return name;
  };
}

function openPostgres(url: string, max: number): Database {
  // The pool is ours, not the adapter's, so a failed ping cannot poison Prisma's state
  // and close() can end every connection.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // An idle client losing its server (a restart) must not crash the process.
  pool.on('error', () => {});
  // One naming for the driver's statements and Prisma's: both are prepared per connection.
  const nameOf = statementNames();
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { statementNameGenerator: (query) => nameOf(query.sql) ?? '' }),
  });
  return {
    ...database(
      'postgres',
      prisma,
      async <T>(text: string, values?: unknown[]) =>
        (await pool.query({ name: nameOf(text), text, values: values ?? [] })).rows as T[],
      () => pool.end(),
    ),
    poolStats: () => ({
      inUse: pool.totalCount - pool.idleCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
  };
}

async function openEmbedded(dataDir: string): Promise<Database> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // One process per folder: a second PGlite on the same files corrupts them.
  const lock = await lockDataFolder(dataDir);
  let lite: PGlite | undefined;
  try {
    // Review evidence is private: the folder (even one made open before) and its files are
    // the owner's only, before and after PGlite writes (it makes its files 0666).
    await restrictToOwner(dataDir);
    lite = await PGlite.create(dataDir);
    // The Prisma CLI cannot migrate PGlite, so the same SQL files are applied here on open.
    await applyMigrations(pgliteRunner(lite));
    await restrictToOwner(dataDir);
  } catch (error) {
    await lite?.close().catch(() => {});
    await lock.release();
    throw error;
  }
  const db = lite;
  // pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils; the
  // runtime protocol is the same (queries and migrations verified against Prisma 6.19).
  const adapter = new PrismaPGlite(db) as unknown as PrismaPg;
  const prisma = new PrismaClient({ adapter });
  return {
    ...database(
      'embedded',
      prisma,
      async <T>(text: string, values?: unknown[]) => (await db.query<T>(text, values)).rows,
      async () => {
        await db.close();
        // Files made since the open (new tables' files, WAL segments) become the owner's too.
        await restrictToOwner(dataDir).catch(() => {});
        await lock.release();
      },
    ),
    dumpDataDir: () => dumpPglite(db),
  };
}

/**
 * PGlite runs one statement at a time, and its dump holds that lock: the copy is the
 * folder at one instant between statements, which PostgreSQL's WAL (in the copy) makes
 * consistent on opening, as after a crash; the checkpoint first puts everything committed
 * into the data files.
 */
async function dumpPglite(lite: PGlite): Promise<Blob> {
  await lite.exec('CHECKPOINT');
  return lite.dumpDataDir('gzip');
}

/**
 * Restores a db:backup file into `dataDir`, which must be missing or empty; the result is
 * migrated to this version and closed (the folder's lock held throughout).
 */
export async function restoreEmbedded(dataDir: string, backup: Blob): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const present = (await readdir(dataDir)).filter((name) => name !== LOCK_FILE);
  if (present.length > 0) throw new Error(`${dataDir} is not empty: restore into an empty folder.`);
  const lock = await lockDataFolder(dataDir);
  try {
    const lite = await PGlite.create(dataDir, { loadDataDir: backup });
    try {
      await applyMigrations(pgliteRunner(lite));
    } finally {
      await lite.close();
    }
    await restrictToOwner(dataDir);
  } finally {
    // The backup holds its source's lock file, which now replaced ours: the folder was
    // empty, so whatever lock is there is this restore's to remove.
    await lock.release();
    await unlink(join(dataDir, LOCK_FILE)).catch(() => {});
  }
}

export function pgliteRunner(lite: PGlite): SqlRunner {
  return {
    async exec(sql) {
      await lite.exec(sql);
    },
    async query<T>(sql: string, params?: unknown[]) {
      return (await lite.query<T>(sql, params)).rows;
    },
  };
}

/** The advisory lock `prisma migrate deploy` takes, so either migrator waits for the other. */
const MIGRATION_LOCK = 72707369;

/**
 * Runs migrations on a Postgres URL with a short-lived client, holding the migrators'
 * advisory lock: several API processes started at once migrate one after the other.
 */
export async function migratePostgres(url: string): Promise<string[]> {
  return withPostgresLock(url, MIGRATION_LOCK, (client) => applyMigrations(pgRunner(client)));
}

/**
 * Runs `fn` with a short-lived client holding the session advisory lock `lock`, so
 * processes doing the same at once take turns; ending the client releases the lock.
 */
export async function withPostgresLock<T>(
  url: string,
  lock: number,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [lock]);
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function pgRunner(client: pg.ClientBase): SqlRunner {
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query<T>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as T[];
    },
  };
}
