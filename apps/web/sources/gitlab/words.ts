// What GitLab's "sync now" and "disconnect" say when they worked and when they failed.
import { syncFound } from '../../lib/format';
import type { SourceWords } from '../words';

export const GITLAB_WORDS: SourceWords = {
  sync: {
    done: (found) => `GitLab synced: ${syncFound(found)}.`,
    failed: 'The GitLab sync failed.',
  },
  disconnect: {
    done: () => 'GitLab is disconnected and its token forgotten. Suggestions already offered stay.',
    failed: 'Disconnecting GitLab failed.',
  },
};
