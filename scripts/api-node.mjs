// How node runs the compiled API in production (`npm start`, `npm run start:api`, the
// bench; the Dockerfile and apps/api's `start` script write the same flags out): sized for
// memory (issue 20: the server at most 200 MB after a mixed load). A young generation of
// 4 MiB semi-spaces instead of 16, V8 favouring size over speed in its heap growth and
// code, and two malloc arenas instead of one per thread. bench/scenarios/memory.ts, the
// compiled API after 20 s of mixed load on the bench's team: 161-176 MiB with these,
// 189-246 MiB without (2026-12-07). No cap on the old generation: an import's worker
// thread parses a 5 MiB calendar in more than 160 MiB of heap.
export const API_NODE_FLAGS = [
  '--enable-source-maps',
  '--max-semi-space-size=4',
  '--optimize-for-size',
];

/** The environment the API process starts with: `env` and glibc's arena limit (unless set). */
export function apiNodeEnv(env) {
  return { MALLOC_ARENA_MAX: '2', ...env };
}
