// What the calendar's "read now" and "disconnect" say when they worked and when they failed.
import { syncFound } from '../../lib/format';
import type { SourceWords } from '../words';

export const CALENDAR_WORDS: SourceWords = {
  sync: {
    done: (found) => `Calendar read: ${syncFound(found)}.`,
    failed: 'Reading the calendar failed.',
  },
  disconnect: {
    done: () =>
      'The calendar is disconnected and its address forgotten. Suggestions already offered stay.',
    failed: 'Disconnecting the calendar failed.',
  },
};
