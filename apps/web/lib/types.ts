// Response shapes of the API, from the shared zod contract (packages/schemas): the
// dashboard reads exactly what the API's response schemas promise.
import type { Problem, ReadinessDto, ReportDto, ReportListDto } from '@leadtrack/schemas';

export type {
  Acknowledgement,
  AgreementDto,
  Audience,
  Checkin,
  CurrentStatusDto as CurrentDto,
  EndorsementDto,
  Evidence,
  EvidenceList as EvidencePage,
  Feedback,
  PendingEndorsementRequestList,
  PolicyDto,
  Problem,
  ReadinessDto,
  ReflectionDto,
  ReflectionListDto,
  Role,
  RoleProfileDto,
  SponsorDto,
  User,
  WeekRowDto,
} from '@leadtrack/schemas';

export type SignalDto = ReadinessDto['signals'][number];
/** A row of the team view (with `unacknowledged`) or of the org view (without). */
export type ReportRow = ReportDto & Partial<Pick<ReportListDto['items'][number], 'unacknowledged'>>;
export type FieldError = NonNullable<Problem['errors']>[number];

// Accounts and trust (API.md "Accounts and trust"), from the shared contract as well.
export type MeDto = import('@leadtrack/schemas').Me;
export type PersonalToken = import('zod').infer<
  typeof import('@leadtrack/schemas').PersonalTokenSchema
>;
export type CreatedToken = import('zod').infer<
  typeof import('@leadtrack/schemas').CreatedTokenSchema
>;
/** A person as GET /users shows them to an admin: null `deactivatedAt` while active. */
export type ManagedUser = import('@leadtrack/schemas').User;
export type AuditEventDto = import('@leadtrack/schemas').AuditEvent;
export type AuditPageDto = import('@leadtrack/schemas').AuditPage;

// Capture (API.md "Capture"): the suggestions inbox and imports.
export type Suggestion = import('@leadtrack/schemas').Suggestion;
export type SuggestionList = import('@leadtrack/schemas').SuggestionList;
export type ImportResult = import('@leadtrack/schemas').ImportResult;
export type NotificationDto = import('@leadtrack/schemas').NotificationDto;
export type NotificationPageDto = import('@leadtrack/schemas').NotificationPage;

/** A person's entries by week start (title and behaviours), named in the heatmap's cells. */
export type WeekEntries = Record<string, { title: string; kinds: string[] }[]>;
