// Readiness: the policy, one user's timeline, and a manager's team overview.
import { EVIDENCE_KINDS, POLICY_LIMITS, SIGNAL_CODES, TIMELINE_WEEKS } from '@leadtrack/core';
import { z } from 'zod';
import { UserSchema } from './auth';
import { EvidenceKindSchema, IsoDateSchema } from './common';
import { component } from './component';
import { rule } from './messages';

const { requiredKinds: KINDS, windowWeeks: WINDOW, thresholdWeeks: THRESHOLD } = POLICY_LIMITS;

export const PolicySchema = component('Policy', {
  requiredKinds: z.array(EvidenceKindSchema),
  windowWeeks: z.number().int(),
  thresholdWeeks: z.number().int(),
  requireVisibility: z.boolean(),
});
export type PolicyDto = z.infer<typeof PolicySchema>;

/** PUT /policy replaces the whole policy: every field is required, unknown fields refused. */
export const PolicyBodySchema = z.strictObject({
  requiredKinds: z
    .array(EvidenceKindSchema)
    .min(KINDS.min)
    .max(KINDS.max)
    .refine(
      (kinds) => new Set(kinds).size === kinds.length,
      rule('Choose each behaviour only once.'),
    )
    .describe(`${KINDS.min}-${KINDS.max} distinct kinds that every window must show`),
  windowWeeks: z
    .number()
    .int()
    .min(WINDOW.min)
    .max(WINDOW.max)
    .describe('Non-leave weeks a window spans'),
  thresholdWeeks: z
    .number()
    .int()
    .min(THRESHOLD.min)
    .max(THRESHOLD.max)
    .describe('Consecutive consistent weeks that make someone ready'),
  requireVisibility: z
    .boolean()
    .describe('When true, a week is consistent only if half its window is acknowledged'),
});
export type PolicyBody = z.infer<typeof PolicyBodySchema>;

export const ReadinessQuerySchema = z.strictObject({
  asOf: IsoDateSchema.optional().describe(
    "The last day counted; the person's today (in their time zone) when absent",
  ),
  weeks: z.coerce
    .number()
    .int()
    .min(TIMELINE_WEEKS.min)
    .max(TIMELINE_WEEKS.max)
    .default(TIMELINE_WEEKS.default)
    .describe(
      `How many of the last weeks to list (${TIMELINE_WEEKS.min}-${TIMELINE_WEEKS.max}); streaks are computed over the whole history`,
    ),
});
export type ReadinessQuery = z.infer<typeof ReadinessQuerySchema>;

/** Entries per kind; all seven kinds, zeros included. */
export const KindCountsSchema = z.object(
  Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, z.number().int()])) as Record<
    (typeof EVIDENCE_KINDS)[number],
    z.ZodNumber
  >,
);

export const WeekRowSchema = component('ReadinessWeek', {
  weekStart: IsoDateSchema,
  onLeave: z.boolean(),
  pending: z
    .boolean()
    .describe('The week in progress, not yet consistent: it carries the streak of the week before'),
  counts: KindCountsSchema,
  missingKinds: z.array(EvidenceKindSchema),
  consistent: z.boolean(),
  streak: z.number().int(),
  ready: z.boolean(),
  visibility: z.number().nullable(),
});
export type WeekRowDto = z.infer<typeof WeekRowSchema>;

export const CurrentStatusSchema = component('CurrentStatus', {
  weekStart: IsoDateSchema,
  pending: z
    .boolean()
    .describe('The current week is in progress and not yet consistent; streak is carried'),
  consistent: z.boolean(),
  streak: z.number().int(),
  ready: z.boolean(),
  readySince: IsoDateSchema.nullable(),
  projectedReadyOn: IsoDateSchema.nullable(),
});
export type CurrentStatusDto = z.infer<typeof CurrentStatusSchema>;

export const SignalCodeSchema = z.enum(SIGNAL_CODES);

export const SignalSchema = component('Signal', {
  code: SignalCodeSchema,
  message: z.string().describe('For the engineer: what to do next'),
  managerMessage: z.string().describe('For the manager: what to talk about'),
});

export const ReadinessSchema = component('Readiness', {
  userId: z.string(),
  asOf: IsoDateSchema,
  policy: PolicySchema,
  weeks: z.array(WeekRowSchema),
  current: CurrentStatusSchema,
  signals: z.array(SignalSchema),
});
export type ReadinessDto = z.infer<typeof ReadinessSchema>;

export const ReportSchema = component('Report', {
  user: UserSchema,
  current: CurrentStatusSchema,
  signals: z.array(SignalSchema),
  /** The newest `occurredOn` of the report's (not deleted) evidence; null when none. */
  lastEvidenceOn: IsoDateSchema.nullable(),
});

export type ReportDto = z.infer<typeof ReportSchema>;

/** A row of the team view (GET /reports): a report, with what waits for the manager. */
export const TeamReportSchema = ReportSchema.extend({
  unacknowledged: z
    .int()
    .describe(
      'Entries of the last 8 weeks (the report’s current ISO week and the 7 before) without a current acknowledgement by the caller',
    ),
}).meta({ id: 'TeamReport' });
export type TeamReportDto = z.infer<typeof TeamReportSchema>;

export const ReportListSchema = z.object({ items: z.array(TeamReportSchema) });
export type ReportListDto = z.infer<typeof ReportListSchema>;
