// Endorsement requests made to the caller (API.md "Endorsements"); asking is in evidence.ts.
import 'server-only';
import type { EndorseBody, PendingEndorsementRequestList } from '@leadtrack/schemas';
import { api, type Call, pathUnder } from './transport';

const request = pathUnder('/endorsement-requests');

/** GET /endorsement-requests: those waiting for the caller's answer. */
export const pending = (): Call<PendingEndorsementRequestList> => api('/endorsement-requests');

/** POST /endorsement-requests/{id}/endorse (409 when answered already). */
export const endorse = (id: string, body: EndorseBody = {}): Call<unknown> =>
  api(`${request(id)}/endorse`, { method: 'POST', body });

/** POST /endorsement-requests/{id}/decline */
export const decline = (id: string): Call<unknown> =>
  api(`${request(id)}/decline`, { method: 'POST' });
