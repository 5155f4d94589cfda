// The organisation view: everyone under a manager, transitively, grouped by direct manager.
import { z } from 'zod';
import { UserRefSchema } from './common';
import { component } from './component';
import { ReportSchema } from './readiness';

export const OrgQuerySchema = z.strictObject({
  managerId: UserRefSchema.optional().describe(
    'Whose organisation: a manager in yours, or `me`; admins: anyone, everyone when absent; managers: themselves when absent',
  ),
});
export type OrgQuery = z.infer<typeof OrgQuerySchema>;

export const OrgTotalsSchema = z
  .object({
    ready: z.number().int(),
    consistent: z.number().int().describe('A streak above 0, this week not at risk, not ready'),
    atRisk: z
      .number()
      .int()
      .describe('The week in progress is not consistent yet and a streak above 0 would be lost'),
    building: z.number().int().describe('No streak, not ready'),
  })
  .describe(
    'Engineers only (the people working toward the role), not the managers and admins listed above them',
  )
  .meta({ id: 'OrgTotals' });

export const OrgGroupSchema = component('OrgGroup', {
  manager: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .describe('The direct manager of the group; null for the people without one (admins only)'),
  reports: z.array(ReportSchema),
});

export const OrgViewSchema = component('OrgView', {
  totals: OrgTotalsSchema,
  groups: z.array(OrgGroupSchema),
});
export type OrgViewDto = z.infer<typeof OrgViewSchema>;
export type OrgGroupDto = z.infer<typeof OrgGroupSchema>;
