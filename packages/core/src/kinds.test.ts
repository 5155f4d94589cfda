// Tests the evidence-kind catalogue the API validates with and the dashboard labels from.

import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUIRED_KINDS, EVIDENCE_KINDS, isEvidenceKind, KIND_INFO } from './kinds';

describe('evidence kinds', () => {
  it('lists the seven slugs, the first five required by default', () => {
    expect(EVIDENCE_KINDS.join(' ')).toBe(
      'ownership review proposal mentoring communication unblocking feedback',
    );
    expect(DEFAULT_REQUIRED_KINDS).toEqual(EVIDENCE_KINDS.slice(0, 5));
  });

  it('describes every kind with a label and a one-line hint', () => {
    expect(Object.keys(KIND_INFO)).toEqual([...EVIDENCE_KINDS]);
    expect(KIND_INFO.ownership.label).toBe('Domain ownership');
    for (const { label, hint } of Object.values(KIND_INFO)) {
      expect(label.length).toBeGreaterThan(0);
      expect(hint).toMatch(/^[A-Z][^\n]*\.$/);
    }
  });

  it('recognises slugs exactly', () => {
    expect(isEvidenceKind('mentoring')).toBe(true);
    expect(isEvidenceKind('Mentoring')).toBe(false);
    expect(isEvidenceKind('leadership')).toBe(false);
    expect(isEvidenceKind('toString')).toBe(false);
  });

  it('cannot be changed by a careless caller', () => {
    expect(Object.isFrozen(EVIDENCE_KINDS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_REQUIRED_KINDS)).toBe(true);
    expect(Object.isFrozen(KIND_INFO)).toBe(true);
  });
});
