#!/usr/bin/env node
// Compiles a server to plain JavaScript that `node` runs (no TypeScript at run time):
//   node scripts/compile.mjs api   → apps/api/dist/server.js, a file per src/tools/*.ts
//                                    (migrate.js, db-move.js…) and per *.worker.ts
//   node scripts/compile.mjs web   → apps/web/dist/server.js
// esbuild bundles the app's own TypeScript with the workspace packages it imports
// (@leadtrack/core, schemas, db: they export TypeScript source); every other package stays
// an import of node_modules, resolved by node at run time. Each package's `build` runs it.
//
// Paths the code computes from import.meta.url (the embedded database's folder, the
// migrations) climb three folders to the repository's root from src/… and from dist/ alike,
// so dist/ sits at the same depth as src/. Worker threads (piscina) need a file of their
// own: every `src/**/*.worker.ts` becomes `dist/<name>.worker.js` beside server.js, and
// lib/worker-file.ts resolves it from either place.
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const apps = { api: 'apps/api', web: 'apps/web' };
const which = process.argv[2];
if (!(which in apps)) {
  console.error('usage: node scripts/compile.mjs api|web');
  process.exit(2);
}
const dir = join(root, apps[which]);

/** Command-line tools (src/tools/<name>.ts → dist/<name>.js): migrations, db:move, backups. */
function tools(dir) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

function workerEntries(src) {
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.worker.ts'))
    .map((name) => join(src, name));
}

const entryPoints =
  which === 'api'
    ? [
        join(dir, 'src/server.ts'),
        ...tools(join(dir, 'src/tools')),
        ...workerEntries(join(dir, 'src')),
      ]
    : [join(dir, 'server.ts')];

/** Bare imports stay external (node_modules), except the workspace's own TypeScript packages. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@leadtrack/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const started = Date.now();
const result = await build({
  entryPoints,
  outdir: join(dir, 'dist'),
  entryNames: '[name]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // No shared chunks: code in server.js then always has dist/server.js as import.meta.url.
  splitting: false,
  plugins: [externalPackages],
  logLevel: 'warning',
  metafile: true,
});
const outputs = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
console.log(
  `compiled ${apps[which]}: ${outputs.map((f) => relative(dir, resolve(f))).join(', ')} in ${Date.now() - started} ms`,
);
