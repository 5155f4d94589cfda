// Weekly check-ins (API.md "Check-ins").
import 'server-only';
import type { Checkin, CheckinList, CheckinQuery, PutCheckinBody } from '@leadtrack/schemas';
import { api, type Call, listing, type Sent } from './transport';

/** GET /checkins: the caller's, or `userId`'s they may read. */
export const list = listing<CheckinQuery, CheckinList>('/checkins');

/** PUT /checkins/{weekStart}: one a week, answering again replaces it. */
export const put = (weekStart: string, body: Sent<PutCheckinBody>): Call<Checkin> =>
  api(`/checkins/${encodeURIComponent(weekStart)}`, { method: 'PUT', body });
