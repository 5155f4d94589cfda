// Prisma CLI configuration: the WASM schema engine through the pg driver adapter, so
// migrations need no native engine download (see shared STACK notes).
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// `generate` and a diff between two schema files never connect, but Prisma 6 still wants
// a URL and an adapter: give them a placeholder whose host name says what is missing.
const PLACEHOLDER = 'postgresql://set-DATABASE_URL.invalid/leadtrack';
process.env.DATABASE_URL ||= PLACEHOLDER;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  engine: 'js',
  experimental: { adapter: true },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? PLACEHOLDER }),
});
