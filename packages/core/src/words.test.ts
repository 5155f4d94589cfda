import { describe, expect, it } from 'vitest';
import { plural } from './words';

describe('plural', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(plural(1, 'week')).toBe('1 week');
    expect(plural(2, 'week')).toBe('2 weeks');
    expect(plural(0, 'week')).toBe('0 weeks');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(51, 'entry', 'entries')).toBe('51 entries');
  });
});
