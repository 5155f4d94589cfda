// GET /org: everyone under a manager, transitively, grouped by direct manager, with the
// totals of the four statuses (core's orgStatusOf).
//
// Access (the route admits managers and admins only; engineers get 403 there): an admin
// reads anyone's organisation, and everyone's when no manager is named; a manager reads
// their own (the default) or that of anyone under them, at any depth. A manager named who
// does not exist, or is not under the caller, is a 404 alike, so existence does not leak.
// The check is part of the tree's statement (data/org-tree.ts): one round trip for the
// tree, one aggregation for whoever's readiness is not cached, the policy unless cached.
//
// Reading the org view does not open each person's page: below the caller's direct reports,
// the person's own data stays their direct manager's and the admins' (services/access.ts).
// Deactivated people are left out (they have left; the walk still passes through them). The
// totals count engineers, the people working toward the role.
import { countOrgStatuses, type Policy } from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import {
  type OrgGroupDto,
  type OrgViewDto,
  OrgViewSchema,
  type ReportDto,
} from '@leadtrack/schemas';
import { loadOrgTree, type OrgMember, type OrgScope } from '../../data/org-tree';
import { freshnessKey } from '../../freshness/keys';
import { allowListSerializer } from '../../lib/allow-list-serializer';
import { bodyCacheOf, type CachedBody } from '../../lib/body-cache';
import { notFound } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { resolveUserRef } from '../access';
import { readPolicy } from '../policy';
import { reportsFor, reportsInputs } from '../readiness';

function scopeOf(caller: Caller, managerRef: string | undefined): OrgScope {
  if (managerRef === undefined) {
    return caller.role === 'admin' ? { everyone: true } : { under: caller.id, caller };
  }
  return { under: resolveUserRef(caller, managerRef), caller };
}

/** Consecutive members with the same direct manager make one group (the tree's order). */
function groupsOf(members: OrgMember[], reports: ReportDto[]): OrgGroupDto[] {
  const byId = new Map(reports.map((r) => [r.user.id, r]));
  const groups: OrgGroupDto[] = [];
  let last: OrgGroupDto | undefined;
  let lastManagerId: string | null | undefined;
  for (const member of members) {
    const report = byId.get(member.person.id);
    if (!report) continue;
    const { managerId } = member.person;
    if (!last || managerId !== lastManagerId) {
      last = {
        manager:
          managerId === null ? null : { id: managerId, name: member.managerName ?? managerId },
        reports: [],
      };
      lastManagerId = managerId;
      groups.push(last);
    }
    last.reports.push(report);
  }
  return groups;
}

export async function readOrg(
  db: Database,
  caller: Caller,
  managerRef: string | undefined,
  now: Date,
): Promise<OrgViewDto> {
  const { policy, tree } = await orgRequest(db, caller, managerRef);
  return orgViewOf(db, policy, now, tree.members);
}

async function orgRequest(db: Database, caller: Caller, managerRef: string | undefined) {
  const [policy, tree] = await Promise.all([
    readPolicy(db.prisma),
    loadOrgTree(db, scopeOf(caller, managerRef)),
  ]);
  if (!tree.allowed) throw notFound('No such manager in your organisation.');
  return { policy, tree };
}

async function orgViewOf(
  db: Database,
  policy: Policy,
  now: Date,
  members: OrgMember[],
): Promise<OrgViewDto> {
  const reports = await reportsFor(db, policy, now, members);
  return {
    // People working toward the role: the managers and admins above them are listed, not counted.
    totals: countOrgStatuses(
      reports.filter((r) => r.user.role === 'engineer').map((r) => r.current),
    ),
    groups: groupsOf(members, reports),
  };
}

const serializeOrg = allowListSerializer(OrgViewSchema)();

/**
 * readOrg serialised, kept per process under every input of the answer (each member's
 * fields, data version and today, their manager's name, the order, the policy): a warm
 * request is the tree's statement and a string.
 */
export async function readOrgBody(
  db: Database,
  caller: Caller,
  managerRef: string | undefined,
  now: Date,
): Promise<CachedBody> {
  const { policy, tree } = await orgRequest(db, caller, managerRef);
  const names = tree.members.map((m) => m.managerName ?? null);
  const key = freshnessKey('org', reportsInputs(policy, now, tree.members), names);
  return bodyCacheOf(db).getOrMake(key, async () =>
    serializeOrg(await orgViewOf(db, policy, now, tree.members)),
  );
}
