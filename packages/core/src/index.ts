// Owns the public surface of @leadtrack/core: everything the API server and dashboard import.

export {
  DEFAULT_REQUIRED_KINDS,
  EVIDENCE_KINDS,
  type EvidenceKind,
  isEvidenceKind,
  KIND_INFO,
} from './kinds';
export { DEFAULT_POLICY, POLICY_LIMITS, type Policy } from './policy';
export {
  type CheckinInput,
  type CurrentStatus,
  computeReadiness,
  type Readiness,
  type ReadinessInput,
  type ReadinessStatus,
  SIGNAL_MESSAGES,
  type Signal,
  type SignalCode,
  statusOf,
  type WeekAggregate,
  type WeekRow,
} from './readiness';
export {
  addDays,
  addWeeks,
  type IsoDate,
  isIsoDate,
  isMonday,
  todayUtc,
  weekRange,
  weekStartOf,
  weeksBetween,
} from './week';
export { plural } from './words';
