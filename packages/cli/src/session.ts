// What most commands start with: the stored (or environment) credentials as an API client,
// and the caller as GET /me answers, whose time zone decides "today".
import { ApiClient } from './api.js';
import { loadCredentials } from './config.js';
import { localDate } from './dates.js';

export interface Me {
  id: string;
  email: string;
  name: string;
  role: string;
  managerId: string | null;
  timeZone: string;
}

export async function connect(): Promise<ApiClient> {
  return new ApiClient(await loadCredentials());
}

export function getMe(client: ApiClient): Promise<Me> {
  return client.request<Me>('/me');
}

/** The caller and today's date where they are (GET /me's `timeZone`, UTC when absent). */
export async function whoAndWhen(client: ApiClient): Promise<{ me: Me; today: string }> {
  const me = await getMe(client);
  return { me, today: localDate(me.timeZone || 'UTC') };
}
