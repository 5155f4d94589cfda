// Capture (API.md "Capture"): the suggestions inbox and imports.
import 'server-only';
import type {
  AcceptSuggestionBody,
  Checkin,
  Evidence,
  ImportBody,
  ImportResult,
  ListSuggestionsQuery,
  SuggestionList,
} from '@leadtrack/schemas';
import { api, type Call, listing, pathUnder, type Sent } from './transport';

const suggestion = pathUnder('/suggestions');

/** GET /suggestions: the caller's pending drafts, newest first. */
export const suggestions = listing<ListSuggestionsQuery, SuggestionList>('/suggestions');

/** POST /suggestions/{id}/accept: an entry, or a check-in merged into its week. */
export const accept = (id: string, body: Sent<AcceptSuggestionBody>): Call<Evidence | Checkin> =>
  api(`${suggestion(id)}/accept`, { method: 'POST', body });

/** POST /suggestions/{id}/dismiss */
export const dismiss = (id: string): Call<unknown> =>
  api(`${suggestion(id)}/dismiss`, { method: 'POST' });

/** POST /imports: a file's entries, stored or suggested. */
export const importFile = (body: Sent<ImportBody>): Call<ImportResult> =>
  api('/imports', { method: 'POST', body });
