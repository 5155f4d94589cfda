// `node apps/api/dist/migrate.js`: applies prisma/migrations to DATABASE_URL (PostgreSQL),
// as `prisma migrate deploy` does and recorded the same way, without loading the Prisma
// CLI or any TypeScript. scripts/start.mjs runs it before the API when DATABASE_URL is set;
// the embedded database migrates itself when the API opens it.
import { migratePostgres } from '@leadtrack/db';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'DATABASE_URL is not set: nothing to migrate (the embedded database migrates itself).',
  );
  process.exit(2);
}
const applied = await migratePostgres(url);
console.log(applied.length ? `applied ${applied.join(', ')}` : 'the database is up to date');
