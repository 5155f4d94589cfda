// What spans people (API.md "Readiness", "Organisation", "Audit", "Single sign-on"): the
// manager's reports, the org tree, the readiness policy, the audit log, the SSO overview.
import 'server-only';
import { DEFAULT_POLICY } from '@leadtrack/core';
import type {
  AuditPage,
  AuditQuery,
  OrgQuery,
  OrgViewDto,
  PolicyBody,
  PolicyDto,
  ReportListDto,
  SsoOverview,
} from '@leadtrack/schemas';
import { api, type Call, listing, type Sent } from './transport';

/** GET /reports: the caller's direct reports with their readiness. */
export const reports = (): Call<ReportListDto> => api('/reports');

/** GET /org: everyone under the caller (or under `managerId`), grouped by manager. */
export const org = listing<OrgQuery, OrgViewDto>('/org');

/** GET /policy */
export const policy = (): Call<PolicyDto> => api('/policy');

/** PUT /policy (an admin). */
export const putPolicy = (body: Sent<PolicyBody>): Call<PolicyDto> =>
  api('/policy', { method: 'PUT', body });

/** GET /audit (an admin): newest first, by cursor. */
export const audit = listing<AuditQuery, AuditPage>('/audit');

/** GET /admin/sso (an admin). */
export const sso = (): Call<SsoOverview> => api('/admin/sso');

/**
 * The readiness policy, for pages that only show it (required kinds, the threshold). When the
 * API cannot give it the page still renders, with the core's default policy, the same
 * fallback everywhere. The admin page, which edits it, loads it strictly instead.
 */
export async function loadPolicy(): Promise<PolicyDto> {
  const res = await policy();
  return res.ok
    ? res.data
    : { ...DEFAULT_POLICY, requiredKinds: [...DEFAULT_POLICY.requiredKinds] };
}
