// Admin changes to people: creating accounts, roles and who reports to whom. The
// reporting lines must stay a forest: a change that would make someone their own
// (indirect) manager is refused with 409.
import type { Prisma, PrismaClient } from '@leadtrack/db';
import type { CreateUserBody, UpdateUserBody } from '@leadtrack/schemas';
import { conflict, invalidField, notFound } from '../lib/problem';
import { createUser } from './accounts';

// Serialises reporting-line changes so two concurrent edits cannot build a cycle together.
const HIERARCHY_LOCK = 7243002;

async function assertManagerUsable(tx: Prisma.TransactionClient, managerId: string) {
  const manager = await tx.user.findUnique({ where: { id: managerId }, select: { role: true } });
  if (!manager) throw invalidField('managerId', 'No user has this id');
  // PRODUCT/API: giving someone a report makes them a manager if they were an engineer.
  if (manager.role === 'engineer') {
    await tx.user.update({ where: { id: managerId }, data: { role: 'manager' } });
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

export async function createUserAsAdmin(prisma: PrismaClient, body: CreateUserBody) {
  if (body.managerId) {
    await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${HIERARCHY_LOCK})`;
      await assertManagerUsable(tx, body.managerId as string);
    });
  }
  return createUser(prisma, body);
}

export async function updateUser(prisma: PrismaClient, userId: string, body: UpdateUserBody) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${HIERARCHY_LOCK})`;
    const existing = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!existing) throw notFound('No such user.');
    if (body.managerId) {
      if (await wouldCreateCycle(tx, userId, body.managerId)) {
        throw conflict('That reporting line would make a cycle: someone would manage themselves.');
      }
      await assertManagerUsable(tx, body.managerId);
    }
    return tx.user.update({
      where: { id: userId },
      data: {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.role !== undefined && { role: body.role }),
        ...(body.managerId !== undefined && { managerId: body.managerId }),
      },
    });
  });
}
