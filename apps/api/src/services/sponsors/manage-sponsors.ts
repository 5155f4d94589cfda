// The caller's sponsors (GET/POST /me/sponsors, DELETE /me/sponsors/:userId): colleagues the
// caller lets read their timeline, evidence, role profile and packet (access.ts
// canReadAsSponsor), never their check-ins, feedback, reflections or working agreement.
//
// Only ever the caller's own grants, so there is nothing else to authorize. A sponsor is an
// ACTIVE user other than the caller (400 naming userId otherwise); granting twice is a 409.
// Grants and revocations go to the audit log in the same transaction as the change; the
// sponsor granted is notified (`sponsor-granted`) in it too.
import type { PrismaClient } from '@leadtrack/db';
import type { SponsorDto } from '@leadtrack/schemas';
import { conflictOnDuplicate } from '../../lib/database-errors';
import { notFound } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { recordAuditEvent } from '../audit';
import { notify } from '../notifications/notify';
import { findActiveColleague } from '../users/read-users';

/** The other person of a grant, as a SponsorDto names them. */
const PERSON = { select: { id: true, name: true } } as const;

function toSponsorDto(person: SponsorDto['user'], grant: { createdAt: Date }): SponsorDto {
  return { user: person, createdAt: grant.createdAt.toISOString() };
}

/**
 * The caller's grants from one side, oldest first, each naming the other person: the
 * sponsors the caller granted (`sponsor`), or who granted the caller (`user`).
 */
async function listGrants(
  prisma: PrismaClient,
  caller: Caller,
  other: 'sponsor' | 'user',
): Promise<SponsorDto[]> {
  const rows = await prisma.sponsorship.findMany({
    where: other === 'sponsor' ? { userId: caller.id } : { sponsorId: caller.id },
    orderBy: [{ createdAt: 'asc' }, other === 'sponsor' ? { sponsorId: 'asc' } : { userId: 'asc' }],
    include: { sponsor: PERSON, user: PERSON },
  });
  return rows.map((row) => toSponsorDto(row[other], row));
}

export const listSponsors = (prisma: PrismaClient, caller: Caller) =>
  listGrants(prisma, caller, 'sponsor');

/** Whom the caller sponsors (who granted them access). */
export const listSponsored = (prisma: PrismaClient, caller: Caller) =>
  listGrants(prisma, caller, 'user');

export async function grantSponsor(
  prisma: PrismaClient,
  caller: Caller,
  sponsorId: string,
): Promise<SponsorDto> {
  const sponsor = await findActiveColleague(
    prisma,
    caller,
    sponsorId,
    'Choose a colleague: you already read your own data',
  );
  const grant = await conflictOnDuplicate(`${sponsor.name} is already your sponsor.`, () =>
    prisma.$transaction(async (tx) => {
      const created = await tx.sponsorship.create({
        data: { userId: caller.id, sponsorId: sponsor.id },
      });
      await notify(
        tx,
        {
          userId: sponsor.id,
          type: 'sponsor-granted',
          subject: `${caller.name} made you their sponsor: you can read their timeline, evidence, role profile and packet.`,
          link: `/people/${caller.id}`,
        },
        caller.id,
      );
      await recordAuditEvent(tx, {
        actorId: caller.id,
        action: 'sponsor.granted',
        targetId: sponsor.id,
        details: { userId: caller.id },
      });
      return created;
    }),
  );
  return toSponsorDto(sponsor, grant);
}

export async function revokeSponsor(
  prisma: PrismaClient,
  caller: Caller,
  sponsorId: string,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const removed = await tx.sponsorship.deleteMany({
      where: { userId: caller.id, sponsorId },
    });
    if (removed.count === 0) throw notFound('This user is not your sponsor.');
    await recordAuditEvent(tx, {
      actorId: caller.id,
      action: 'sponsor.revoked',
      targetId: sponsorId,
      details: { userId: caller.id },
    });
  });
}
