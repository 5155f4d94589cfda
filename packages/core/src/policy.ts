// Owns the readiness policy: its shape, the defaults and the bounds the API validates against.

import { DEFAULT_REQUIRED_KINDS, type EvidenceKind } from './kinds';

export interface Policy {
  requiredKinds: EvidenceKind[];
  windowWeeks: number;
  thresholdWeeks: number;
  requireVisibility: boolean;
}

/** Four-week window, 26 weeks (six months) of consistency, visibility shown but not required. */
// Frozen: it is shared by every request, so a caller mutating it would change them all.
export const DEFAULT_POLICY: Policy = Object.freeze({
  requiredKinds: Object.freeze([...DEFAULT_REQUIRED_KINDS]) as EvidenceKind[],
  windowWeeks: 4,
  thresholdWeeks: 26,
  requireVisibility: false,
});

/** Inclusive integer bounds; `requiredKinds` bounds count distinct kinds. */
export const POLICY_LIMITS = {
  windowWeeks: { min: 1, max: 52 },
  thresholdWeeks: { min: 1, max: 104 },
  requiredKinds: { min: 1, max: 7 },
} as const;
