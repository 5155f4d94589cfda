// In-app notifications (API.md "Notifications").
import 'server-only';
import type {
  ListNotificationsQuery,
  MarkNotificationsReadBody,
  NotificationPage,
} from '@leadtrack/schemas';
import { api, type Call, listing } from './transport';

/** GET /notifications: the caller's, newest first, with the unread count. */
export const list = listing<ListNotificationsQuery, NotificationPage>('/notifications');

/** POST /notifications/read: some by id, or all. */
export const markRead = (body: MarkNotificationsReadBody): Call<unknown> =>
  api('/notifications/read', { method: 'POST', body });
