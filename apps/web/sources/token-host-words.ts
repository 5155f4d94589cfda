// What a code host's "sync now" and "disconnect" say when they worked and when they failed.
import { syncFound } from '../lib/format';
import type { SourceWords } from './words';

export function tokenHostWords(name: string): SourceWords {
  return {
    sync: {
      done: (found) => `${name} synced: ${syncFound(found)}.`,
      failed: `The ${name} sync failed.`,
    },
    disconnect: {
      done: () =>
        `${name} is disconnected and its token forgotten. Suggestions already offered stay.`,
      failed: `Disconnecting ${name} failed.`,
    },
  };
}
