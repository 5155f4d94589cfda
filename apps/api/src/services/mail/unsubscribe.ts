// GET/POST /unsubscribe?token=…: the link in every message turns that kind of message off
// for its recipient, without signing in. Access: whoever holds a token the instance signed
// (unsubscribe-token.ts); anything else is a 400 naming `token`, the same for a forged
// token as for one whose user no longer exists.
import type { Database } from '@leadtrack/db';
import type { MessageKind, PreferencesDto, UnsubscribedDto } from '@leadtrack/schemas';
import { invalidField } from '../../lib/problem';
import { updatePreferences } from '../preferences';
import { KIND_DESCRIPTIONS } from './send-mail';
import { verifyUnsubscribeToken } from './unsubscribe-token';

/** The preference each kind of message follows. */
export const PREFERENCE_OF: Record<
  MessageKind,
  'weeklyReminder' | 'managerDigest' | 'emailNotifications'
> = {
  'weekly-reminder': 'weeklyReminder',
  'manager-digest': 'managerDigest',
  notification: 'emailNotifications',
};

export async function unsubscribe(db: Database, token: string): Promise<UnsubscribedDto> {
  const claim = await verifyUnsubscribeToken(db, token);
  const user =
    claim &&
    (await db.prisma.user.findUnique({ where: { id: claim.userId }, select: { id: true } }));
  if (!claim || !user) {
    throw invalidField(
      'token',
      'This unsubscribe link is not valid: open the one in your latest message',
    );
  }
  const preferences: PreferencesDto = await updatePreferences(db.prisma, user.id, {
    [PREFERENCE_OF[claim.kind]]: false,
  });
  return { kind: claim.kind, description: KIND_DESCRIPTIONS[claim.kind], preferences };
}
