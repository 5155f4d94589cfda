// The load benchmark: every scenario in bench/scenarios, or those named
// (`npm run bench -- warm cold`, or BENCH_ONLY=warm,cold), against one server and one
// seeded database set up by the shared runner (bench/lib/runner.ts).
import { exitWhenDone, pick, runBench } from './lib/runner';
import { scenarios } from './scenarios';

exitWhenDone(runBench(pick(scenarios, process.argv.slice(2))));
