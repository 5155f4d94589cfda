// The embedded database belongs to one process: two PGlite instances on one folder corrupt
// it. A lock file in the folder names the holder (PID, host, process start time); it is
// created with O_EXCL, so of two processes starting at once exactly one gets it, and a lock
// left by a crashed process is recognised as stale (its process is gone) and taken over.
import { randomBytes } from 'node:crypto';
import { chmod, link, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'leadtrack.lock';

interface LockOwner {
  pid: number;
  host: string;
  /** Linux: the process's start time in clock ticks since boot, so a reused PID is told apart. */
  startTicks: string | null;
  startedAt: string;
  /** Tells this process's own locks apart. */
  nonce: string;
}

export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${owner.pid} on ${owner.host} ` +
        `(since ${owner.startedAt}). Stop that process first, or set LEADTRACK_DATA_DIR to ` +
        'another folder. Only one process may open an embedded database.',
    );
    this.name = 'DataFolderInUseError';
  }
}

/** Field 22 of /proc/<pid>/stat (Linux); null elsewhere or when the process is gone. */
async function startTicksOf(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

async function isAlive(owner: LockOwner): Promise<boolean> {
  // Another machine's process (a shared network folder) cannot be checked: assume it lives.
  if (owner.host !== hostname()) return true;
  // Our own PID: held by this very process (a second open), or else a lock from a
  // previous life of this PID (a container restarted, its process again PID 1).
  if (owner.pid === process.pid) return heldHere.has(owner.nonce);
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (owner.startTicks) {
    const ticks = await startTicksOf(owner.pid);
    if (ticks !== null && ticks !== owner.startTicks) return false; // the PID was reused
  }
  return true;
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner;
  } catch {
    return null; // gone meanwhile, or half-written by a process that died writing it
  }
}

/** The locks this process holds, by nonce. */
const heldHere = new Set<string>();

export interface DataFolderLock {
  release(): Promise<void>;
}

/** Takes the folder's lock or throws DataFolderInUseError naming the holder. */
export async function lockDataFolder(dataDir: string): Promise<DataFolderLock> {
  const path = join(dataDir, LOCK_FILE);
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startTicks: await startTicksOf(process.pid),
    startedAt: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
  };
  const mine = JSON.stringify(me);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const file = await open(path, 'wx', 0o600);
      try {
        await file.writeFile(mine);
        await file.sync();
      } finally {
        await file.close();
      }
      heldHere.add(me.nonce);
      return {
        async release() {
          heldHere.delete(me.nonce);
          // Only our own lock is removed (never one a successor took over).
          if ((await readFile(path, 'utf8').catch(() => '')) === mine) await unlink(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(path);
    if (owner && (await isAlive(owner))) throw new DataFolderInUseError(dataDir, owner);
    await removeStale(path, owner);
  }
  throw new Error(`Could not take the lock ${path}: other processes keep taking it.`);
}

/**
 * Removes a stale lock without removing a fresh one another starter just made: the file is
 * moved aside atomically (only one process can move it), then checked; a live lock moved
 * by mistake is linked back (link fails rather than overwrite).
 */
async function removeStale(path: string, seen: LockOwner | null): Promise<void> {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch {
    return; // someone else moved it first: try again from the start
  }
  const moved = await readOwner(aside);
  const same = JSON.stringify(moved) === JSON.stringify(seen);
  if (!same && moved && (await isAlive(moved))) await link(aside, path).catch(() => {});
  await unlink(aside).catch(() => {});
}

/**
 * Owner-only permissions on the folder and everything in it: PGlite creates its files
 * world-writable (0666) whatever the umask, and an existing folder may be open to all.
 */
export async function restrictToOwner(dir: string): Promise<void> {
  await chmod(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await restrictToOwner(path);
    else if (entry.isFile()) await chmod(path, 0o600);
  }
}
