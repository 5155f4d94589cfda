// The package's version, from its package.json (dist/cli/src/ is three folders below it),
// also when installed with npm install -g.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const VERSION: string = (require('../../../package.json') as { version: string }).version;
