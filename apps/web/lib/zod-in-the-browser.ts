// Imported first by every client component that reads @leadtrack/schemas: zod 4 probes
// `new Function` to decide whether it may compile its object parsers, and the dashboard's
// CSP forbids eval, so in the browser that probe is a reported violation. Jitless parsing
// never probes.
import { z } from 'zod';

z.config({ jitless: true });
