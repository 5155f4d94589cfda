// Evidence (API.md "Evidence"): one function per operation, typed by the shared contract.
import 'server-only';
import type {
  AcknowledgeBody,
  Acknowledgement,
  CreateEvidenceBody,
  DeletedEvidenceList,
  Evidence,
  EvidenceList,
  ListEvidenceQuery,
  RequestEndorsementBody,
  UpdateEvidenceBody,
} from '@leadtrack/schemas';
import { api, type Call, listing, pathUnder, type Sent } from './transport';

const entry = pathUnder('/evidence');

/** GET /evidence: the caller's entries, or `userId`'s they may read. */
export const list = listing<ListEvidenceQuery, EvidenceList>('/evidence');

/** GET /evidence/{id} */
export const get = (id: string): Call<Evidence> => api(entry(id));

/** POST /evidence, with the form's idempotency key (a resent form stores one entry). */
export const create = (body: Sent<CreateEvidenceBody>, idempotencyKey: string): Call<Evidence> =>
  api('/evidence', {
    method: 'POST',
    body,
    headers: { 'idempotency-key': idempotencyKey },
  });

/** PATCH /evidence/{id} against the version read (412 when it changed since). */
export const update = (
  id: string,
  body: Sent<UpdateEvidenceBody>,
  version: string,
): Call<Evidence> =>
  api(entry(id), { method: 'PATCH', body, headers: { 'if-match': `"${version}"` } });

/** DELETE /evidence/{id}: to the trash, restorable for a while. */
export const remove = (id: string): Call<null> => api(entry(id), { method: 'DELETE' });

/** POST /evidence/{id}/restore */
export const restore = (id: string): Call<Evidence> =>
  api(`${entry(id)}/restore`, { method: 'POST' });

/** GET /evidence/trash */
export const trash = (): Call<DeletedEvidenceList> => api('/evidence/trash');

/** POST /evidence/{id}/acknowledgements (a manager; 409 when acknowledged already). */
export const acknowledge = (id: string, body: AcknowledgeBody = {}): Call<Acknowledgement> =>
  api(`${entry(id)}/acknowledgements`, { method: 'POST', body });

/** POST /evidence/{id}/endorsement-requests */
export const requestEndorsement = (id: string, body: RequestEndorsementBody): Call<unknown> =>
  api(`${entry(id)}/endorsement-requests`, { method: 'POST', body });
