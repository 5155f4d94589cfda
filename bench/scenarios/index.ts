// Every scenario, in the order `npm run bench` runs them.
import type { Scenario } from '../lib/runner';
import { cold } from './cold';
import { core } from './core';
import { growth } from './growth';
import { ingest } from './ingest';
import { memory } from './memory';
import { processes } from './processes';
import { warm } from './warm';

export const scenarios: Scenario[] = [core, warm, cold, ingest, growth, processes, memory];
