// Test databases on the real Postgres server: one migrated template per run, and a copy
// of it per test file, dropped at the end.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A URL to the server's maintenance database; tests create and drop their own beside it. */
export const ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  return withDatabase(ADMIN_URL, fn);
}

/** Runs `fn` with a client connected to `url`, closed afterwards. */
export async function withDatabase<T>(
  url: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export async function createDatabase(name: string, template?: string): Promise<string> {
  await withAdmin(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
        return;
      } catch (error) {
        // Two files copying the template at the same instant can collide; retry briefly.
        const busy = (error as { code?: string }).code === '55006';
        if (!busy || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
      }
    }
  });
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
