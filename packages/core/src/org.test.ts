// The organisation view's statuses: every combination of ready, pending and streak.
import { describe, expect, it } from 'vitest';
import { countOrgStatuses, ORG_STATUSES, orgStatusOf } from './org';

const current = (ready: boolean, pending: boolean, streak: number) => ({ ready, pending, streak });

describe('orgStatusOf', () => {
  it('ready beats everything, even a pending week with a streak to lose', () => {
    expect(orgStatusOf(current(true, true, 30))).toBe('ready');
    expect(orgStatusOf(current(true, false, 30))).toBe('ready');
  });

  it('a pending week with a streak above 0 is at risk; without one it is building', () => {
    expect(orgStatusOf(current(false, true, 1))).toBe('atRisk');
    expect(orgStatusOf(current(false, true, 0))).toBe('building');
  });

  it('a streak above 0 without a pending week is consistent; none is building', () => {
    expect(orgStatusOf(current(false, false, 3))).toBe('consistent');
    expect(orgStatusOf(current(false, false, 0))).toBe('building');
  });
});

describe('countOrgStatuses', () => {
  it('counts each status, zeros included, in ORG_STATUSES order', () => {
    const totals = countOrgStatuses([
      current(true, false, 26),
      current(false, true, 4),
      current(false, true, 2),
      current(false, false, 0),
    ]);
    expect(totals).toEqual({ ready: 1, consistent: 0, atRisk: 2, building: 1 });
    expect(Object.keys(totals)).toEqual([...ORG_STATUSES]);
  });
});
