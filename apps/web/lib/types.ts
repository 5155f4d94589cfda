// Response shapes of the API, from the shared zod contract (packages/schemas): the
// dashboard reads exactly what the API's response schemas promise.
import type { Problem, ReadinessDto, ReportListDto } from '@leadtrack/schemas';

export type {
  Acknowledgement,
  Audience,
  Checkin,
  CurrentStatusDto as CurrentDto,
  Evidence,
  EvidenceList as EvidencePage,
  Feedback,
  PolicyDto,
  Problem,
  ReadinessDto,
  Role,
  User,
  WeekRowDto,
} from '@leadtrack/schemas';

export type SignalDto = ReadinessDto['signals'][number];
export type ReportRow = ReportListDto['items'][number];
export type FieldError = NonNullable<Problem['errors']>[number];

// Accounts and trust (API.md "Accounts and trust"). Kept local until the shared contract
// holds them; each mirrors the API's response schema field for field.
export interface MeDto {
  id: string;
  email: string;
  name: string;
  role: import('@leadtrack/schemas').Role;
  managerId: string | null;
  timeZone: string;
}

export interface PersonalToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
}

export interface CreatedToken {
  id: string;
  name: string;
  /** The secret, shown this once. */
  token: string;
  expiresAt: string;
}

/** A person as GET /users shows them to an admin: null `deactivatedAt` while active. */
export type ManagedUser = import('@leadtrack/schemas').User & { deactivatedAt?: string | null };

export interface AuditEventDto {
  id: string;
  at: string;
  actor: { id: string; name: string };
  action: string;
  target: { id: string; name: string } | null;
  details: Record<string, unknown>;
}

export interface AuditPageDto {
  items: AuditEventDto[];
  nextCursor: string | null;
}
