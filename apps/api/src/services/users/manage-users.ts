// Admin changes to people: creating accounts, roles and who reports to whom. The
// reporting lines must stay a forest: a change that would make someone their own
// (indirect) manager is refused with 409. Two more invariants (PRODUCT.md "Trust"): the
// instance always keeps an active admin, and nobody is left reporting to a person who
// lost the right to manage them (demoted to engineer) or cannot sign in (deactivated).
// Every change is recorded in the audit log inside the same transaction.
import type { Prisma, PrismaClient, Role, User } from '@leadtrack/db';
import type {
  CreatedUserWithSetup,
  CreateUserBody,
  PasswordResetLink,
  UpdateUserBody,
  User as UserDto,
} from '@leadtrack/schemas';
import { conflict, invalidField, notFound } from '../../lib/problem';
import { createUser } from '../accounts';
import { recordAuditEvent } from '../audit';
import { storePasswordLink } from './reset-password';
import { toUserDto } from './to-user-dto';

// Serialises reporting-line, role and activation changes, so two concurrent edits cannot
// build a cycle together or demote and deactivate the last two admins at once.
export const HIERARCHY_LOCK = 7243002;

export function lockHierarchy(tx: Prisma.TransactionClient) {
  return tx.$executeRaw`SELECT pg_advisory_xact_lock(${HIERARCHY_LOCK})`;
}

/** Every admin change to a person starts so: the lock, then the person's row (404 if none). */
export async function lockUser(tx: Prisma.TransactionClient, userId: string) {
  await lockHierarchy(tx);
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw notFound('No such user.');
  return user;
}

/**
 * An admin's change to one person: `change` runs in one transaction after lockUser, gets
 * the person's row and answers it as changed, which is sent back as the user.
 */
export async function changeUser(
  prisma: PrismaClient,
  userId: string,
  change: (tx: Prisma.TransactionClient, user: User) => Promise<User>,
): Promise<UserDto> {
  const changed = await prisma.$transaction(async (tx) => change(tx, await lockUser(tx, userId)));
  return toUserDto(changed);
}

/** "Ada Lovelace and Alan Turing" / "Ada, Alan and Grace". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** 409 while `userId` still has direct reports, naming them: they need a manager first. */
export async function assertNoReports(
  tx: Prisma.TransactionClient,
  userId: string,
  name: string,
  which: 'all' | 'active' = 'all',
) {
  const reports = await tx.user.findMany({
    where: { managerId: userId, ...(which === 'active' && { deactivatedAt: null }) },
    select: { name: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  if (reports.length > 0) {
    throw conflict(
      `${name} still manages ${listNames(reports.map((r) => r.name))}: give them another manager first.`,
    );
  }
}

/** 409 when `userId` is the only active admin: the instance would have nobody to run it. */
export async function assertNotLastAdmin(tx: Prisma.TransactionClient, userId: string) {
  const others = await tx.user.count({
    where: { role: 'admin', deactivatedAt: null, id: { not: userId } },
  });
  if (others === 0) {
    throw conflict('This is the last active admin: make someone else an admin first.');
  }
}

async function assertManagerUsable(
  tx: Prisma.TransactionClient,
  actorId: string,
  managerId: string,
) {
  const manager = await tx.user.findUnique({
    where: { id: managerId },
    select: { role: true, deactivatedAt: true },
  });
  if (!manager) throw invalidField('managerId', 'No user has this id');
  if (manager.deactivatedAt) {
    throw invalidField('managerId', 'This person is deactivated and cannot manage anyone');
  }
  // PRODUCT/API: giving someone a report makes them a manager if they were an engineer.
  if (manager.role === 'engineer') {
    await tx.user.update({ where: { id: managerId }, data: { role: 'manager' } });
    await recordAuditEvent(tx, {
      actorId,
      action: 'user.role_changed',
      targetId: managerId,
      details: { from: 'engineer', to: 'manager', reason: 'given a direct report' },
    });
  }
}

async function wouldCreateCycle(tx: Prisma.TransactionClient, userId: string, managerId: string) {
  if (userId === managerId) return true;
  const rows = await tx.$queryRaw<{ hit: number }[]>`
    WITH RECURSIVE chain AS (
      SELECT id, manager_id FROM users WHERE id = ${managerId}
      UNION
      SELECT u.id, u.manager_id FROM users u JOIN chain c ON u.id = c.manager_id
    )
    SELECT 1 AS hit FROM chain WHERE id = ${userId} LIMIT 1`;
  return rows.length > 0;
}

async function personRef(tx: Prisma.TransactionClient, id: string | null) {
  if (!id) return null;
  const user = await tx.user.findUnique({ where: { id }, select: { id: true, name: true } });
  return user ?? { id, name: '' };
}

/**
 * POST /users. The new person's time zone is the one given, else the admin's own: people an
 * admin adds mostly work where the admin does; either way they confirm it on their first
 * visit. Without a password the answer holds a one-time setup link (7 days) where the
 * person chooses theirs; where passwords are off for them (SSO_ONLY), no link: they sign
 * in through single sign-on, linked by their email.
 */
export async function createUserAsAdmin(
  prisma: PrismaClient,
  actor: { id: string; timeZone: string },
  body: CreateUserBody,
  links: {
    /** The dashboard's origin, for the setup link (env.ts webOrigin). */
    origin: string;
    /** Whether a person of this role may have a password (services/sso/password-policy). */
    passwordAllowed: (role: string) => boolean;
    /** Refuses a password for this role (403). */
    assertPasswordAllowed: (role: string) => void;
  },
): Promise<UserDto | Omit<CreatedUserWithSetup, 'mailed'>> {
  const actorId = actor.id;
  if (body.password !== undefined) links.assertPasswordAllowed(body.role);
  let setup: PasswordResetLink | null = null;
  const user = await createUser(
    prisma,
    { ...body, timeZone: body.timeZone ?? actor.timeZone },
    {
      before: async (tx) => {
        if (!body.managerId) return;
        await lockHierarchy(tx);
        await assertManagerUsable(tx, actorId, body.managerId);
      },
      after: async (tx, user) => {
        if (body.password === undefined && links.passwordAllowed(user.role)) {
          setup = await storePasswordLink(tx, 'setup', actorId, user.id, links.origin);
        }
        await recordAuditEvent(tx, {
          actorId,
          action: 'user.created',
          targetId: user.id,
          details: {
            email: user.email,
            role: user.role,
            managerId: user.managerId,
            ...(body.password === undefined && { setupLink: setup !== null }),
          },
        });
      },
    },
  );
  if (body.password !== undefined) return toUserDto(user);
  const link = setup as PasswordResetLink | null;
  return { user: toUserDto(user), setupUrl: link?.url ?? null, expiresAt: link?.expiresAt ?? null };
}

export async function updateUser(
  prisma: PrismaClient,
  actorId: string,
  userId: string,
  body: UpdateUserBody,
): Promise<UserDto> {
  return changeUser(prisma, userId, async (tx, existing) => {
    const roleChanges = body.role !== undefined && body.role !== existing.role;
    if (roleChanges) await assertRoleChangeAllowed(tx, existing, body.role as Role);
    if (body.managerId) {
      if (await wouldCreateCycle(tx, userId, body.managerId)) {
        throw conflict('That reporting line would make a cycle: someone would manage themselves.');
      }
      await assertManagerUsable(tx, actorId, body.managerId);
    }
    const updated = await tx.user.update({
      where: { id: userId },
      data: {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.role !== undefined && { role: body.role }),
        ...(body.managerId !== undefined && { managerId: body.managerId }),
      },
    });
    if (roleChanges) {
      await recordAuditEvent(tx, {
        actorId,
        action: 'user.role_changed',
        targetId: userId,
        details: { from: existing.role, to: updated.role },
      });
    }
    if (body.managerId !== undefined && body.managerId !== existing.managerId) {
      await recordAuditEvent(tx, {
        actorId,
        action: 'user.manager_changed',
        targetId: userId,
        details: {
          from: await personRef(tx, existing.managerId),
          to: await personRef(tx, body.managerId),
        },
      });
    }
    return updated;
  });
}

/**
 * Demoting the last active admin would leave nobody to run the instance; demoting someone
 * to engineer while people report to them would leave those people with a "manager" who
 * may no longer acknowledge, read or write feedback for them. Both → 409.
 */
async function assertRoleChangeAllowed(
  tx: Prisma.TransactionClient,
  existing: { id: string; name: string; role: Role; deactivatedAt: Date | null },
  role: Role,
) {
  if (existing.role === 'admin' && role !== 'admin' && !existing.deactivatedAt) {
    await assertNotLastAdmin(tx, existing.id);
  }
  if (role === 'engineer') await assertNoReports(tx, existing.id, existing.name);
}
