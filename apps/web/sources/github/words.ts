// What GitHub's "sync now" and "disconnect" say when they worked and when they failed.
import { syncFound } from '../../lib/format';
import type { SourceWords } from '../words';

export const GITHUB_WORDS: SourceWords = {
  sync: { done: (found) => `Synced: ${syncFound(found)}.`, failed: 'The sync failed.' },
  disconnect: {
    done: () => 'GitHub is disconnected and its token forgotten. Suggestions already offered stay.',
    failed: 'Disconnecting GitHub failed.',
  },
};
