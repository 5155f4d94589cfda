// What GitHub's "sync now" and "disconnect" say (every code host's words, with its name).
import { tokenHostWords } from '../token-host-words';

export const GITHUB_WORDS = tokenHostWords('GitHub');
