'use server';
// Settings › Calendar and GitHub alike: "sync now" (POST /me/integrations/{kind}/sync) and
// "disconnect" (DELETE /me/integrations/{kind}). The client binds the kind.
import { type FormState, settingsCall } from '../../lib/form-state';
import { syncFound } from '../../lib/format';

export type Integration = 'calendar' | 'github';

export interface IntegrationState extends FormState {
  /** Bumped on every success, so a form can reset. */
  saved?: number;
  done?: string;
}

type Step = 'sync' | 'disconnect';

/** What a sync answers with (calendar and GitHub alike); disconnecting answers nothing. */
type SyncFound = { suggested: number; skipped: number };

const CALLS = {
  sync: { path: '/sync', method: 'POST' },
  disconnect: { path: '', method: 'DELETE' },
} as const;

/** What each step says when it worked (from what a sync found) and when it failed. */
const WORDS: Record<
  Integration,
  Record<Step, { done: (found: SyncFound) => string; failed: string }>
> = {
  calendar: {
    sync: {
      done: (found) => `Calendar read: ${syncFound(found)}.`,
      failed: 'Reading the calendar failed.',
    },
    disconnect: {
      done: () =>
        'The calendar is disconnected and its address forgotten. Suggestions already offered stay.',
      failed: 'Disconnecting the calendar failed.',
    },
  },
  github: {
    sync: { done: (found) => `Synced: ${syncFound(found)}.`, failed: 'The sync failed.' },
    disconnect: {
      done: () =>
        'GitHub is disconnected and its token forgotten. Suggestions already offered stay.',
      failed: 'Disconnecting GitHub failed.',
    },
  },
};

async function step(
  kind: Integration,
  which: Step,
  prev: IntegrationState,
): Promise<IntegrationState> {
  // The kind comes from the client: only the two integrations there are.
  if (!Object.hasOwn(WORDS, kind)) return { message: 'There is no such integration.' };
  const { done, failed } = WORDS[kind][which];
  const call = CALLS[which];
  return settingsCall(
    prev,
    { path: `/me/integrations/${kind}${call.path}`, method: call.method },
    done,
    failed,
  );
}

export async function syncIntegration(kind: Integration, prev: IntegrationState) {
  return step(kind, 'sync', prev);
}

export async function disconnectIntegration(kind: Integration, prev: IntegrationState) {
  return step(kind, 'disconnect', prev);
}
