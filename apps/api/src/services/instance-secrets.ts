// Secrets an instance makes for itself (the JWT signing key today; encryption keys and
// unsubscribe-link signing later), kept in its own database so that every API process of
// the instance shares them and none is ever a constant in the repository.
import { randomBytes } from 'node:crypto';
import type { Database } from '@leadtrack/db';

/** 48 random bytes: as strong as the `openssl rand -base64 48` the README suggests. */
const SECRET_BYTES = 48;

/**
 * The instance's secret called `name`, made on first use. Two processes starting at once
 * both try the insert; ON CONFLICT keeps the first and the read back gives both the same.
 */
export async function instanceSecret(db: Database, name: string): Promise<string> {
  const candidate = randomBytes(SECRET_BYTES).toString('base64url');
  await db.query(
    'INSERT INTO instance_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
    [name, candidate],
  );
  const rows = await db.query<{ value: string }>(
    'SELECT value FROM instance_secrets WHERE name = $1',
    [name],
  );
  const value = rows[0]?.value;
  if (!value) throw new Error(`The instance secret ${name} could not be stored.`);
  return value;
}
