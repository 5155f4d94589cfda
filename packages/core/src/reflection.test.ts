import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitScore, REFLECTION_STATEMENT_IDS, REFLECTION_STATEMENTS } from './reflection';

const all = (suits: number, notSuits: number) =>
  Object.fromEntries(REFLECTION_STATEMENTS.map((s) => [s.id, s.suitsRole ? suits : notSuits]));

describe('reflection statements', () => {
  it('are the eight of the seed: four that suit the role, four that do not, with unique ids', () => {
    expect(REFLECTION_STATEMENTS).toHaveLength(8);
    expect(REFLECTION_STATEMENTS.filter((s) => s.suitsRole)).toHaveLength(4);
    expect(new Set(REFLECTION_STATEMENT_IDS).size).toBe(8);
    for (const id of REFLECTION_STATEMENT_IDS) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});

describe('fitScore', () => {
  it('is 100 when every statement that suits is a 5 and every one that does not is a 1', () => {
    expect(fitScore(all(5, 1))).toBe(100);
  });

  it('is 0 at the opposite, and 50 when every answer is 3', () => {
    expect(fitScore(all(1, 5))).toBe(0);
    expect(fitScore(all(3, 3))).toBe(50);
  });

  it('reverses the statements that do not suit: all 5s is 50, not 100', () => {
    expect(fitScore(all(5, 5))).toBe(50);
  });

  it('worked example: suits 4,4,5,3 and does-not-suit 2,1,4,2 → mean 3.875 → 72', () => {
    const answers: Record<string, number> = {};
    const suits = [4, 4, 5, 3];
    const notSuits = [2, 1, 4, 2];
    for (const s of REFLECTION_STATEMENTS) {
      answers[s.id] = (s.suitsRole ? suits.shift() : notSuits.shift()) as number;
    }
    // (4+4+5+3 + 4+5+2+4) / 8 = 3.875 → (3.875 - 1) / 4 = 71.875 → 72
    expect(fitScore(answers)).toBe(72);
  });

  it('refuses a missing or out-of-range answer', () => {
    const answers = all(3, 3);
    delete answers[REFLECTION_STATEMENT_IDS[0] as string];
    expect(() => fitScore(answers)).toThrow(RangeError);
    expect(() => fitScore({ ...all(3, 3), [REFLECTION_STATEMENT_IDS[1] as string]: 6 })).toThrow(
      RangeError,
    );
    expect(() => fitScore({ ...all(3, 3), [REFLECTION_STATEMENT_IDS[1] as string]: 2.5 })).toThrow(
      RangeError,
    );
  });

  it('property: always an integer 0-100, and raising an answer that suits never lowers it', () => {
    const answer = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(fc.array(answer, { minLength: 8, maxLength: 8 }), fc.nat(3), (values, i) => {
        const answers = Object.fromEntries(
          REFLECTION_STATEMENT_IDS.map((id, k) => [id, values[k]]),
        );
        const score = fitScore(answers as Record<string, number>);
        expect(Number.isInteger(score) && score >= 0 && score <= 100).toBe(true);
        const suiting = REFLECTION_STATEMENTS.filter((s) => s.suitsRole)[i];
        if (!suiting) return;
        const raised = {
          ...answers,
          [suiting.id]: Math.min(5, (answers[suiting.id] as number) + 1),
        };
        expect(fitScore(raised as Record<string, number>)).toBeGreaterThanOrEqual(score);
      }),
    );
  });
});
