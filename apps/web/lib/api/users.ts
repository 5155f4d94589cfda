// People and what is read or written about one person (API.md "Users", "Readiness",
// "Feedback", "Agreement", "Reflections", "Packet"). `userRef` is an id, or "me".
import 'server-only';
import type {
  AgreementDto,
  CreatedUserWithSetup,
  CreateFeedbackBody,
  CreateUserBody,
  Feedback,
  FeedbackList,
  PacketDto,
  PacketQuery,
  PasswordResetLink,
  PutAgreementBody,
  ReadinessDto,
  ReflectionListDto,
  RoleProfileDto,
  UpdateUserBody,
  User,
} from '@leadtrack/schemas';
import { api, type Call, load, orElse, pathUnder, type QueryOf, type Sent } from './transport';

const user = pathUnder('/users');
const ifMatch = (version: string) => (version ? { 'if-match': `"${version}"` } : undefined);

/** A colleague in the pickers (endorser, sponsor). */
export interface Colleague {
  id: string;
  name: string;
}

/** GET /users: everyone to an admin; self and reports to anyone else. */
export const list = (): Call<{ items: User[] }> => api('/users');

/** GET /users/directory: every active colleague's id and name. */
export const directory = (): Call<{ items: Colleague[] }> => api('/users/directory');

/** GET /users/{id} */
export const get = (userRef: string): Call<User> => api(user(userRef));

/** POST /users (an admin): the person and their one-time setup link. */
export const create = (body: Sent<CreateUserBody>): Call<CreatedUserWithSetup> =>
  api('/users', { method: 'POST', body });

/** PATCH /users/{id} (an admin): role and manager. */
export const update = (id: string, body: Sent<UpdateUserBody>): Call<User> =>
  api(user(id), { method: 'PATCH', body });

/** POST /users/{id}/deactivate or /reactivate (an admin). */
export const setActive = (id: string, active: boolean): Call<User> =>
  api(`${user(id)}/${active ? 'reactivate' : 'deactivate'}`, { method: 'POST' });

/** POST /users/{id}/password-reset (an admin): a link to pass on privately. */
export const issuePasswordReset = (id: string): Call<PasswordResetLink> =>
  api(`${user(id)}/password-reset`, { method: 'POST' });

/** GET /users/{userRef}/readiness */
export const readiness = (userRef: string): Call<ReadinessDto> => api(`${user(userRef)}/readiness`);

/** GET /users/{userRef}/profile */
export const profile = (userRef: string): Call<RoleProfileDto> => api(`${user(userRef)}/profile`);

/** GET /users/{userRef}/feedback */
export const feedback = (userRef: string): Call<FeedbackList> => api(`${user(userRef)}/feedback`);

/** POST /users/{id}/feedback (their manager). */
export const sendFeedback = (userRef: string, body: CreateFeedbackBody): Call<Feedback> =>
  api(`${user(userRef)}/feedback`, { method: 'POST', body });

/** GET /users/{userRef}/agreement */
export const agreement = (userRef: string): Call<AgreementDto> => api(`${user(userRef)}/agreement`);

/** PUT /users/{userRef}/agreement against the version read (412 when the other side saved). */
export const putAgreement = (
  userRef: string,
  body: PutAgreementBody,
  version: string,
): Call<AgreementDto> =>
  api(`${user(userRef)}/agreement`, { method: 'PUT', body, headers: ifMatch(version) });

/** POST /users/{userRef}/agreement/confirm against the version read. */
export const confirmAgreement = (userRef: string, version: string): Call<AgreementDto> =>
  api(`${user(userRef)}/agreement/confirm`, { method: 'POST', headers: ifMatch(version) });

/** GET /users/{userRef}/reflections (a manager sees those shared with them). */
export const reflections = (userRef: string): Call<ReflectionListDto> =>
  api(`${user(userRef)}/reflections`);

/** GET /users/{userRef}/packet */
export const packet = (userRef: string, query: QueryOf<PacketQuery> = {}): Call<PacketDto> =>
  api(`${user(userRef)}/packet`, { query });

/** GET /users/{userRef}/packet?format=md, as text (a Markdown file to download). */
export const packetMarkdown = (userRef: string, query: QueryOf<PacketQuery> = {}): Call<string> =>
  api(`${user(userRef)}/packet`, { query: { ...query, format: 'md' }, text: true });

// Shorthands pages share.

/** Someone's readiness, strictly (a page without it has nothing to show). */
export const loadReadiness = (userRef: string): Promise<ReadinessDto> => load(readiness(userRef));

/** Someone's role profile, or null when it cannot be read: pages then leave the panel out. */
export const loadRoleProfile = (userId: string): Promise<RoleProfileDto | null> =>
  orElse(profile(userId), null);

/** Everyone active but `exceptId`, by name; empty when the directory cannot be read. */
export async function loadColleagues(exceptId: string): Promise<Colleague[]> {
  const res = await directory();
  return res.ok ? res.data.items.filter((u) => u.id !== exceptId) : [];
}
