#!/usr/bin/env node
// The installed `leadtrack` command. It runs the compiled CLI (dist/, made by
// `npm run build`), and says so plainly when it has not been built yet.
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/src/main.js', import.meta.url);
let run;
try {
  ({ run } = await import(main.href));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('main.js')) {
    throw error;
  }
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    `leadtrack: not built yet: run \`npm run build --workspace @leadtrack/cli\` (in ${root}).\n`,
  );
  process.exit(2);
}
process.exitCode = await run(process.argv);
