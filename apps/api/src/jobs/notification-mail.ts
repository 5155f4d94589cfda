// The notification-mail sweep on the hourly tick: what a write's own sweep left (a mail
// server that refused, a process stopped mid-sweep, notifications made while no write
// followed) is mailed within the hour (services/notifications/mail-notifications.ts).
import { mailPendingNotifications } from '../services/notifications/mail-notifications';
import type { JobDefinition } from './job';

export const notificationMail: JobDefinition = {
  hourly: true,
  run: (ctx) => mailPendingNotifications(ctx, ctx.log),
};
