// What each source's "sync now" and "disconnect" say (app/actions/integrations.ts), by
// source: one entry per source of @leadtrack/schemas' SOURCES, the words in its folder.
import type { SourceId } from '@leadtrack/schemas';
import { CALENDAR_WORDS } from './calendar/words';
import { GITHUB_WORDS } from './github/words';
import { GITLAB_WORDS } from './gitlab/words';

/** What a sync answers with (every source alike); disconnecting answers nothing. */
export type SyncFound = { suggested: number; skipped: number };

export type SourceStep = 'sync' | 'disconnect';

export type SourceWords = Record<
  SourceStep,
  { done: (found: SyncFound) => string; failed: string }
>;

export const SOURCE_WORDS: Record<SourceId, SourceWords> = {
  github: GITHUB_WORDS,
  gitlab: GITLAB_WORDS,
  calendar: CALENDAR_WORDS,
};
