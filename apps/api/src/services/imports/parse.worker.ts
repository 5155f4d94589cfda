// The worker thread's entry (piscina): parses one file (parse-file.ts) off the event loop.
import { parseFile } from './parse-file';

export default parseFile;
