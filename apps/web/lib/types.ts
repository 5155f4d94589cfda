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
