// The caller's own account (API.md "Accounts and trust", /me…): profile, password, tokens,
// sessions, message preferences, sponsors, the home agenda, the export, and each source's
// connection (the source's own folder names its body and result types).
import 'server-only';
import type {
  AgendaDto,
  ChangePasswordBody,
  CreatedTokenSchema,
  CreateTokenBody,
  GrantSponsorBody,
  Me,
  PreferencesDto,
  PutPreferencesBody,
  SourceId,
  SponsorDto,
  TokenListSchema,
  UpdateMeBody,
} from '@leadtrack/schemas';
import type { z } from 'zod';
import { type ApiOptions, api, type Call, pathUnder, type Sent } from './transport';

type TokenList = z.infer<typeof TokenListSchema>;
type CreatedToken = z.infer<typeof CreatedTokenSchema>;
type SponsorList = { items: SponsorDto[] };

/** GET /me (pages that need it fresh; `getMe` is the once-per-request one). */
export const get = (): Call<Me> => api('/me');

/** PATCH /me (the time zone). */
export const update = (body: Sent<UpdateMeBody>): Call<Me> => api('/me', { method: 'PATCH', body });

/** POST /me/password: every other session ends. */
export const changePassword = (body: ChangePasswordBody): Call<null> =>
  api('/me/password', { method: 'POST', body });

/** GET /me/tokens */
export const tokens = (): Call<TokenList> => api('/me/tokens');

/** POST /me/tokens: the secret is in the answer, once. */
export const createToken = (body: Sent<CreateTokenBody>): Call<CreatedToken> =>
  api('/me/tokens', { method: 'POST', body });

/** DELETE /me/tokens/{id} */
export const revokeToken = (id: string): Call<null> =>
  api(`/me/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** DELETE /me/sessions: signs out every other device and revokes every token. */
export const endOtherSessions = (): Call<null> => api('/me/sessions', { method: 'DELETE' });

/** GET /me/preferences */
export const preferences = (): Call<PreferencesDto> => api('/me/preferences');

/** PUT /me/preferences */
export const putPreferences = (body: Sent<PutPreferencesBody>): Call<PreferencesDto> =>
  api('/me/preferences', { method: 'PUT', body });

/** GET /me/agenda: the manager's home list. */
export const agenda = (): Call<AgendaDto> => api('/me/agenda');

/** GET /me/sponsors: who may read the caller's record. */
export const sponsors = (): Call<SponsorList> => api('/me/sponsors');

/** GET /me/sponsoring: whose record the caller may read. */
export const sponsoring = (): Call<SponsorList> => api('/me/sponsoring');

/** POST /me/sponsors (409 when a sponsor already). */
export const grantSponsor = (body: GrantSponsorBody): Call<SponsorDto> =>
  api('/me/sponsors', { method: 'POST', body });

/** DELETE /me/sponsors/{userId} */
export const revokeSponsor = (userId: string): Call<null> =>
  api(`/me/sponsors/${encodeURIComponent(userId)}`, { method: 'DELETE' });

/** GET /me/export, as text (a JSON document to download). */
export const exportAccount = (): Call<string> => api('/me/export', { text: true });

const integration = pathUnder('/me/integrations');

/** GET /me/integrations/{source}: the connection, 404 when there is none. */
export const integrationOf = <T = unknown>(source: SourceId): Call<T> => api(integration(source));

/** PUT /me/integrations/{source}: connect (or change) with the source's own settings. */
export const connect = <Body, Result = unknown>(source: SourceId, body: Body): Call<Result> =>
  api(integration(source), { method: 'PUT', body });

/** POST /me/integrations/{source}/sync, or DELETE /me/integrations/{source}. */
export const integrationStep = <T = unknown>(
  source: SourceId,
  step: 'sync' | 'disconnect',
): Call<T> => {
  const call: Record<typeof step, [string, ApiOptions['method']]> = {
    sync: ['/sync', 'POST'],
    disconnect: ['', 'DELETE'],
  };
  const [tail, method] = call[step];
  return api(`${integration(source)}${tail}`, { method });
};
