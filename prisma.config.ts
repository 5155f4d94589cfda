// Prisma CLI configuration: the WASM schema engine through the pg driver adapter, so
// migrations need no native engine download (see shared STACK notes).
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

const connectionString = process.env.DATABASE_URL;
// Prisma 6 validates `env("DATABASE_URL")` even for `generate`, which never connects:
// give it a placeholder so a fresh clone can generate the client without a database.
process.env.DATABASE_URL ??= 'postgresql://placeholder.invalid/leadtrack';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  engine: 'js',
  experimental: { adapter: true },
  adapter: async () => {
    if (!connectionString) throw new Error('Set DATABASE_URL to run Prisma migrations.');
    return new PrismaPg({ connectionString });
  },
});
