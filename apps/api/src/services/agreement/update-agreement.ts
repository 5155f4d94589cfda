// Changing the working agreement: PUT replaces the items, POST …/confirm records one side's
// confirmation of the current version.
//
// Who: the engineer (the lead side) and their direct manager (the manager side). An admin
// who is not the manager may read it but not change or confirm it (403: they know it
// exists; access.ts's `agreementSide`); anyone else gets 404 (findReadableUser). An
// agreement needs a manager: a user without one gets 409.
//
// Both writes lock the row (SELECT … FOR UPDATE inside one transaction), so of two edits
// based on the same version exactly one wins, and a confirmation always names the version
// it confirmed. Anything refused (412, 409) throws inside the transaction: nothing stored.
// The other side is notified in the same transaction when the items change
// (`agreement-changed`) or when one side confirms (`agreement-confirmed`); saving the same
// items again or confirming twice tells nobody.
import type { Prisma, PrismaClient } from '@leadtrack/db';
import type { AgreementDto, AgreementItem, PutAgreementBody } from '@leadtrack/schemas';
import { parseIfMatch } from '../../lib/if-match';
import { conflict, preconditionFailed } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { findReadableUser, type ReadableUser, agreementSide as sideOf } from '../access';
import { type Notice, notify } from '../notifications/notify';
import { normaliseItems, type StoredAgreement, toAgreementDto } from './read-agreement';

function requireManager(user: ReadableUser): string {
  if (user.managerId === null) {
    throw conflict(
      `${user.name} has no manager: a working agreement is made between an engineer and their manager, so an admin must set the manager first.`,
    );
  }
  return user.managerId;
}

const stale = (version: number) =>
  preconditionFailed(
    `The working agreement has changed since you read it (now version ${version}): reload it and apply your change again.`,
  );

function checkIfMatch(ifMatch: string | undefined, version: number) {
  const expected = parseIfMatch(ifMatch);
  if (expected !== null && expected !== '*' && !expected.includes(version)) throw stale(version);
}

/** The row, locked for this transaction; null when none is stored. */
async function lockAgreement(
  tx: Prisma.TransactionClient,
  userId: string,
): Promise<StoredAgreement | null> {
  const [row] = await tx.$queryRaw<StoredAgreement[]>`
    SELECT user_id AS "userId", manager_id AS "managerId", version, items,
           lead_confirmed_at AS "leadConfirmedAt", manager_confirmed_at AS "managerConfirmedAt",
           updated_at AS "updatedAt"
      FROM working_agreements WHERE user_id = ${userId} FOR UPDATE`;
  return row ?? null;
}

/**
 * What the other side of the agreement hears when one side changes or confirms it: the
 * engineer is told at /agreement, the manager at the report's agreement page.
 */
function toOtherSide(
  caller: Caller,
  user: ReadableUser,
  managerId: string,
  side: 'lead' | 'manager',
  type: 'agreement-changed' | 'agreement-confirmed',
): Notice {
  const verb = type === 'agreement-changed' ? 'changed' : 'confirmed';
  const then = type === 'agreement-changed' ? ': review it and confirm it.' : '.';
  return side === 'lead'
    ? {
        userId: managerId,
        type,
        subject: `${caller.name} ${verb} their working agreement with you${then}`,
        link: `/team/${user.id}/agreement`,
      }
    : {
        userId: user.id,
        type,
        subject: `${caller.name} ${verb} your working agreement${then}`,
        link: '/agreement',
      };
}

const sameItems = (a: AgreementItem[], b: AgreementItem[]) =>
  a.every((item, i) => item.owner === b[i]?.owner && item.note === b[i]?.note);

/**
 * PUT /users/:id/agreement: the items replace the stored ones (an area left out is
 * undecided). A change of items, or the first save with a new manager, bumps the version
 * and clears both confirmations; saving the same items again changes nothing.
 */
export async function putAgreement(
  prisma: PrismaClient,
  caller: Caller,
  ref: string,
  body: PutAgreementBody,
  ifMatch: string | undefined,
): Promise<AgreementDto> {
  parseIfMatch(ifMatch); // a malformed header is a 400 before anything else
  const user = await findReadableUser(prisma, caller, ref);
  const side = sideOf(caller, user);
  const managerId = requireManager(user);
  const items = normaliseItems(
    body.items.map((item) => ({ area: item.area, owner: item.owner, note: item.note || null })),
  );

  const stored = await prisma.$transaction(async (tx) => {
    // Two first saves racing: the insert makes both wait on the same row lock instead of
    // one failing on the primary key.
    await tx.$executeRaw`
      INSERT INTO working_agreements (user_id, manager_id, version, items, updated_at)
      VALUES (${user.id}, ${managerId}, 0, '[]'::jsonb, now())
      ON CONFLICT (user_id) DO NOTHING`;
    const current = await lockAgreement(tx, user.id);
    if (!current) throw new Error('working agreement row vanished inside its transaction');
    checkIfMatch(ifMatch, current.version);
    if (
      current.version > 0 &&
      current.managerId === managerId &&
      sameItems(normaliseItems(current.items), items)
    ) {
      return current;
    }
    const updated = await tx.workingAgreement.update({
      where: { userId: user.id },
      data: {
        items: items.filter((item) => item.owner !== null || item.note !== null),
        managerId,
        version: current.version + 1,
        leadConfirmedAt: null,
        managerConfirmedAt: null,
        updatedById: caller.id,
      },
    });
    await notify(tx, toOtherSide(caller, user, managerId, side, 'agreement-changed'), caller.id);
    return updated;
  });
  return toAgreementDto(user.id, managerId, stored);
}

/**
 * POST /users/:id/agreement/confirm: the engineer confirms as the lead, their manager as the
 * manager, the version stored now (or, with If-Match, only the version they read). There
 * must be a saved agreement made with the current manager; confirming again keeps the first
 * confirmation's time.
 */
export async function confirmAgreement(
  prisma: PrismaClient,
  caller: Caller,
  ref: string,
  ifMatch: string | undefined,
): Promise<AgreementDto> {
  parseIfMatch(ifMatch);
  const user = await findReadableUser(prisma, caller, ref);
  const side = sideOf(caller, user);
  const managerId = requireManager(user);

  const stored = await prisma.$transaction(async (tx) => {
    const current = await lockAgreement(tx, user.id);
    if (!current || current.version === 0) {
      throw conflict('There is no working agreement to confirm yet: save one first.');
    }
    if (current.managerId !== managerId) {
      throw conflict(
        'This working agreement was made with a previous manager: review it and save it again with the current manager before confirming.',
      );
    }
    checkIfMatch(ifMatch, current.version);
    const field = side === 'lead' ? 'leadConfirmedAt' : 'managerConfirmedAt';
    if (current[field] !== null) return current;
    // Only the timestamp changes: `updatedAt` is the items' last change, so it is kept.
    const confirmed = await tx.workingAgreement.update({
      where: { userId: user.id },
      data: { [field]: new Date(), updatedAt: current.updatedAt },
    });
    await notify(tx, toOtherSide(caller, user, managerId, side, 'agreement-confirmed'), caller.id);
    return confirmed;
  });
  return toAgreementDto(user.id, managerId, stored);
}
