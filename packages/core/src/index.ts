// Owns the public surface of @leadtrack/core: everything the API server and dashboard import.

export {
  AGREEMENT_AREA_LABELS,
  AGREEMENT_AREAS,
  AGREEMENT_OWNERS,
  type AgreementArea,
  type AgreementOwner,
  isAgreementArea,
} from './agreement';
export {
  DEFAULT_REQUIRED_KINDS,
  EVIDENCE_KINDS,
  type EvidenceKind,
  isEvidenceKind,
  KIND_ALIASES,
  KIND_INFO,
  kindOfTag,
} from './kinds';
export { countOrgStatuses, ORG_STATUSES, type OrgStatus, orgStatusOf } from './org';
export { DEFAULT_POLICY, POLICY_LIMITS, type Policy } from './policy';
export {
  type CheckinInput,
  type CurrentReadiness,
  type CurrentStatus,
  computeCurrent,
  computeReadiness,
  type PersonFacts,
  type Readiness,
  type ReadinessInput,
  type ReadinessStatus,
  SIGNAL_CODES,
  SIGNAL_MANAGER_MESSAGES,
  SIGNAL_MESSAGES,
  type Signal,
  type SignalCode,
  statusOf,
  TIMELINE_WEEKS,
  type WeekAggregate,
  type WeekRow,
} from './readiness';
export {
  ANSWER_MAX,
  ANSWER_MIN,
  fitScore,
  REFLECTION_GUIDANCE,
  REFLECTION_STATEMENT_IDS,
  REFLECTION_STATEMENTS,
  type ReflectionStatement,
} from './reflection';
export {
  compareRoleProfile,
  DEEP_WORK_FLOOR,
  DEEP_WORK_IC,
  HANDS_ON_BAND,
  PROFILE_DIMENSIONS,
  PROFILE_WEEKS,
  type ProfileComparison,
  type ProfileDimension,
  type ProfileLeaning,
  type ProfileSummary,
  REGULAR_SHARE,
} from './role-profile';
export {
  currentZoneName,
  type IsoWeekday,
  isValidTimeZone,
  type LocalTime,
  localDateIn,
  localTimeIn,
  timeZoneNames,
  todayIn,
  ZONE_RENAMES,
} from './time-zones';
export {
  addDays,
  addWeeks,
  type IsoDate,
  isIsoDate,
  isMonday,
  todayUtc,
  WEEKDAYS,
  type Weekday,
  weekRange,
  weekStartOf,
  weeksBetween,
} from './week';
export { plural } from './words';
