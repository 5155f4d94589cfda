// In-app notifications (API.md "Nudges"): a plain sentence naming who did what, a
// dashboard path to the subject, unread until the person marks it read.
import { z } from 'zod';
import { cursorPaging, IdSchema, InstantSchema, pageLimit, pageOf } from './common';
import { component } from './component';
import { rule } from './messages';

export const NOTIFICATION_TYPES = [
  'feedback-received',
  'entry-acknowledged',
  'entry-endorsed',
  'endorsement-requested',
  'report-ready',
  'agreement-confirmed',
  'agreement-changed',
  'reflection-shared',
  'sponsor-granted',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const NOTIFICATION_LIMITS = Object.freeze({
  listLimitDefault: 20,
  listLimitMax: 100,
  /** Ids one POST /notifications/read may name. */
  readIdsMax: 100,
});

export const NotificationSchema = component('Notification', {
  id: IdSchema,
  /** A string rather than an enum so that a newer API's types still parse. */
  type: z.string().meta({ examples: [...NOTIFICATION_TYPES] }),
  /** A plain sentence naming who did what. */
  subject: z.string(),
  /** A dashboard path, such as `/team/<id>`. */
  link: z.string(),
  createdAt: InstantSchema,
  /** Null while unread. */
  readAt: InstantSchema.nullable(),
});
export type NotificationDto = z.infer<typeof NotificationSchema>;

export const ListNotificationsQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false']).optional().describe('`true`: only the unread ones'),
  ...cursorPaging(
    pageLimit(NOTIFICATION_LIMITS.listLimitMax, NOTIFICATION_LIMITS.listLimitDefault).describe(
      'Notifications per page',
    ),
  ),
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuerySchema>;

/** Newest first. */
export const NotificationPageSchema = pageOf(NotificationSchema, {
  /** All of the caller's unread notifications, whatever the page or filter. */
  unreadCount: z.number().int(),
}).meta({ id: 'NotificationPage' });
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

/** Either the ids to mark read, or every unread notification of the caller: one of the two. */
export const MarkNotificationsReadBodySchema = z
  .strictObject({
    ids: z
      .array(IdSchema)
      .min(1)
      .max(NOTIFICATION_LIMITS.readIdsMax)
      .optional()
      .describe('Your notifications to mark read; ids that are not yours are ignored'),
    all: z
      .literal(true)
      .optional()
      .describe('`true`: mark every unread notification of yours read'),
  })
  .superRefine((body, ctx) => {
    if (body.ids === undefined && body.all === undefined) {
      ctx.addIssue({ code: 'custom', path: ['ids'], ...rule('are required, or send all: true') });
    } else if (body.ids !== undefined && body.all !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['all'],
        ...rule('must not be sent together with ids'),
      });
    }
  });
export type MarkNotificationsReadBody = z.infer<typeof MarkNotificationsReadBodySchema>;
