// The package's version, read from its package.json next to dist/ (also when installed with -g).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const VERSION: string = (require('../package.json') as { version: string }).version;
