// The readiness model's micro-benchmark, in-process (no I/O, no server).
import { coreBench } from '../core';
import { runIfMain, type Scenario } from '../lib/runner';

export const core: Scenario = {
  name: 'core',
  server: false,
  run() {
    console.log('\n== core: the readiness model, in-process (no I/O)');
    console.table(coreBench());
  },
};

runIfMain(import.meta.url, core);
