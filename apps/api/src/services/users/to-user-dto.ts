// The User and Me DTOs, from a user row or a Caller: every route and service that answers with
// a person shapes it here, so the fields the contract shows are chosen once.
import type { PrismaClient, User } from '@leadtrack/db';
import type { Me, User as UserDto } from '@leadtrack/schemas';

export function toUserDto(
  user: Pick<User, 'id' | 'email' | 'name' | 'role' | 'managerId'> & {
    deactivatedAt?: Date | null;
  },
): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    managerId: user.managerId,
    // Every reader of people selects the column (data/weekly-aggregates.ts loadPeople, the
    // org tree); a row without it (a history read for one readable user) counts as active.
    deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
  };
}

/** What GET /me adds about the account: whether the zone was confirmed, how they sign in. */
export type AccountFacts = Pick<Me, 'timeZoneConfirmed' | 'signIn'>;

/** GET /me: the caller (always active: a deactivated caller never gets this far). */
export function toMeDto(
  user: Pick<User, 'id' | 'email' | 'name' | 'role' | 'managerId' | 'timeZone'>,
  account: AccountFacts,
): Me {
  return { ...toUserDto(user), deactivatedAt: null, timeZone: user.timeZone, ...account };
}

/**
 * The account's facts read on their own (after a change; a request's own are read with its
 * caller: `request.account`).
 */
export async function accountFacts(prisma: PrismaClient, userId: string): Promise<AccountFacts> {
  const row = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      timeZoneConfirmed: true,
      passwordHash: true,
      identities: { select: { id: true }, take: 1 },
    },
  });
  return {
    timeZoneConfirmed: row?.timeZoneConfirmed ?? false,
    signIn: { password: Boolean(row?.passwordHash), sso: (row?.identities.length ?? 0) > 0 },
  };
}
