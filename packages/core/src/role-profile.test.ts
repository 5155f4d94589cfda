import { describe, expect, it } from 'vitest';
import { EVIDENCE_KINDS, type EvidenceKind } from './kinds';
import { compareRoleProfile, PROFILE_DIMENSIONS, type ProfileSummary } from './role-profile';

function summary(overrides: Partial<ProfileSummary> = {}): ProfileSummary {
  const none = Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, 0])) as Record<
    EvidenceKind,
    number
  >;
  return {
    weeks: 13,
    checkins: 13,
    handsOnPercent: 55,
    deepWorkBlocks: 2,
    weeksWithKind: none,
    ...overrides,
  };
}

const byDimension = (s: ProfileSummary) =>
  Object.fromEntries(compareRoleProfile(s).map((c) => [c.dimension, c]));

describe('compareRoleProfile', () => {
  it('answers every dimension of the table, in order, with both columns and a verdict', () => {
    const result = compareRoleProfile(summary());
    expect(result.map((c) => c.dimension)).toEqual([...PROFILE_DIMENSIONS]);
    for (const c of result) {
      expect(c.seniorIc.length).toBeGreaterThan(0);
      expect(c.techLead.length).toBeGreaterThan(0);
      expect(c.verdict).toMatch(/\.$/);
    }
  });

  it('hands-on: inside 50-60 % is the tech lead, above the senior IC, below neither', () => {
    expect(byDimension(summary({ handsOnPercent: 50 }))['hands-on']?.leaning).toBe('tech-lead');
    expect(byDimension(summary({ handsOnPercent: 60 }))['hands-on']?.leaning).toBe('tech-lead');
    const high = byDimension(summary({ handsOnPercent: 85 }))['hands-on'];
    expect(high?.leaning).toBe('senior-ic');
    expect(high?.verdict).toBe(
      '85 % hands-on on average: above the 50-60 % band, the senior-IC shape.',
    );
    expect(byDimension(summary({ handsOnPercent: 30 }))['hands-on']?.leaning).toBe('neither');
  });

  it('deep work: 3+ blocks the IC, 1-3 the tech lead, under 1 neither', () => {
    expect(byDimension(summary({ deepWorkBlocks: 4 }))['deep-work']?.leaning).toBe('senior-ic');
    expect(byDimension(summary({ deepWorkBlocks: 1.5 }))['deep-work']?.leaning).toBe('tech-lead');
    expect(byDimension(summary({ deepWorkBlocks: 0.5 }))['deep-work']?.leaning).toBe('neither');
  });

  it('without check-ins the two averages are unknown, and say what to do', () => {
    const result = byDimension(
      summary({ checkins: 0, handsOnPercent: null, deepWorkBlocks: null }),
    );
    expect(result['hands-on']?.leaning).toBe('unknown');
    expect(result['deep-work']?.verdict).toMatch(/log them/);
  });

  it('behaviours: in half the weeks or more is regular (tech lead), fewer is occasional', () => {
    const weeksWithKind = { ...summary().weeksWithKind, communication: 7, mentoring: 6, review: 0 };
    const result = byDimension(summary({ weeksWithKind }));
    expect(result['stakeholder-communication']).toMatchObject({
      leaning: 'tech-lead',
      verdict: 'Stakeholder communication shows in 7 of 13 weeks: regular, as for a tech lead.',
    });
    expect(result.mentoring?.leaning).toBe('senior-ic');
    expect(result.mentoring?.verdict).toMatch(/6 of 13 weeks: occasional/);
    expect(result.review?.verdict).toBe('Reviewing does not show in these weeks.');
  });

  it('with no weeks at all, behaviours are unknown', () => {
    const result = byDimension(summary({ weeks: 0, checkins: 0, handsOnPercent: null }));
    expect(result.proposal?.leaning).toBe('unknown');
  });
});
