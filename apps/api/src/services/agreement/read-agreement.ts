// Reading the working agreement between an engineer (the lead) and their manager, and the
// rule of when it counts as confirmed.
//
// Access: the engineer, their direct manager and admins read it (access.ts findReadableUser);
// anyone else, sponsors included, gets 404: the agreement is between the two of them.
import { AGREEMENT_AREAS, type AgreementArea, isAgreementArea } from '@leadtrack/core';
import type { PrismaClient, WorkingAgreement } from '@leadtrack/db';
import type { AgreementDto, AgreementItem } from '@leadtrack/schemas';
import type { Caller } from '../../plugins/app/authenticate';
import { findReadableUser } from '../access';

export type StoredAgreement = Pick<
  WorkingAgreement,
  | 'userId'
  | 'managerId'
  | 'version'
  | 'items'
  | 'leadConfirmedAt'
  | 'managerConfirmedAt'
  | 'updatedAt'
>;

/**
 * Confirmed: both sides confirmed the current version (any change clears both
 * confirmations, so two timestamps mean the current version), and it was made with the
 * user's current manager: a new manager has agreed to nothing yet. The readiness statement
 * (data/weekly-aggregates.ts) applies the same rule in SQL for `unclear-em-boundary`.
 */
export function isConfirmed(
  stored: Pick<StoredAgreement, 'managerId' | 'leadConfirmedAt' | 'managerConfirmedAt'> | null,
  currentManagerId: string | null,
): boolean {
  return (
    stored !== null &&
    currentManagerId !== null &&
    stored.managerId === currentManagerId &&
    stored.leadConfirmedAt !== null &&
    stored.managerConfirmedAt !== null
  );
}

/** The stored items as the eight areas, in order: an area never recorded is undecided. */
export function normaliseItems(stored: unknown): AgreementItem[] {
  const byArea = new Map<AgreementArea, AgreementItem>();
  if (Array.isArray(stored)) {
    for (const raw of stored as Partial<AgreementItem>[]) {
      if (raw && typeof raw.area === 'string' && isAgreementArea(raw.area)) {
        byArea.set(raw.area, {
          area: raw.area,
          owner: raw.owner ?? null,
          note: raw.note ?? null,
        });
      }
    }
  }
  return AGREEMENT_AREAS.map((area) => byArea.get(area) ?? { area, owner: null, note: null });
}

export function toAgreementDto(
  userId: string,
  currentManagerId: string | null,
  stored: StoredAgreement | null,
): AgreementDto {
  return {
    userId,
    managerId: stored?.managerId ?? null,
    version: stored?.version ?? 0,
    items: normaliseItems(stored?.items ?? []),
    confirmedBy: {
      lead: stored?.leadConfirmedAt?.toISOString() ?? null,
      manager: stored?.managerConfirmedAt?.toISOString() ?? null,
    },
    confirmed: isConfirmed(stored, currentManagerId),
    updatedAt: stored?.updatedAt.toISOString() ?? null,
  };
}

/** GET /users/:id/agreement: the stored agreement, or the eight undecided areas (version 0). */
export async function readAgreement(
  prisma: PrismaClient,
  caller: Caller,
  ref: string,
): Promise<AgreementDto> {
  const user = await findReadableUser(prisma, caller, ref);
  const stored = await prisma.workingAgreement.findUnique({ where: { userId: user.id } });
  return toAgreementDto(user.id, user.managerId, stored);
}
