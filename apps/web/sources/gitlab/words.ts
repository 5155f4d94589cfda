// What GitLab's "sync now" and "disconnect" say (every code host's words, with its name).
import { tokenHostWords } from '../token-host-words';

export const GITLAB_WORDS = tokenHostWords('GitLab');
