// What a request changed, reported by the writes themselves: every service command that
// changes what someone's readiness reads (their entries, the entries' acknowledgements and
// endorsements, their check-ins, imports, suggestions, batches) calls `dataChanged` with
// whose data it was, and a policy save calls `policyChanged`. The request's scope (entered
// once for the whole protected tree, routes/v1/index.ts) collects them, and freshness runs
// the readiness watch for them once the write's answer is known (settleChanges in
// ./index.ts): no route calls it by hand. The same scope records whether the request made
// a notification, so it is mailed after the answer is sent.
//
// Outside a request (the scheduled jobs) there is no scope and nothing is collected: jobs
// only offer suggestions, which change nobody's readiness until accepted.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller } from '../plugins/app/authenticate';

/** Whose readiness to watch: an id (read first), or the caller when they own the data. */
export type Watched = string | Caller;

export interface RequestChanges {
  /** Whether the request made a notification (set by notify(), read to mail them). */
  made: boolean;
  /** Whose data the request changed, by id. */
  people: Map<string, Watched>;
  /** Whether the request changed the policy (everyone's readiness may have moved). */
  policy: boolean;
}

const scope = new AsyncLocalStorage<RequestChanges>();

export function newRequestChanges(): RequestChanges {
  return { made: false, people: new Map(), policy: false };
}

/** Runs `fn` (at any depth of its async calls) with `changes` as the request's scope. */
export function inRequestScope<T>(changes: RequestChanges, fn: () => T): T {
  return scope.run(changes, fn);
}

/** Reports that `who`'s data changed (committed): their readiness is watched after the write. */
export function dataChanged(who: Watched): void {
  const changes = scope.getStore();
  if (!changes) return;
  const id = typeof who === 'string' ? who : who.id;
  // The caller's own row saves a read: keep it over a bare id.
  if (typeof who !== 'string' || !changes.people.has(id)) changes.people.set(id, who);
}

/** Reports a policy change: every managed person's readiness is watched after the write. */
export function policyChanged(): void {
  const changes = scope.getStore();
  if (changes) changes.policy = true;
}

/**
 * Marks the current scope as having made a notification: for work done on its behalf in
 * another async context (a batch shared by several requests).
 */
export function markNotificationMade(): void {
  const changes = scope.getStore();
  if (changes) changes.made = true;
}
