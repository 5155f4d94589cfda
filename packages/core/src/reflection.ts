// Owns the fit reflection ("Should you become a tech lead?"): the eight statements of the
// seed and the fit score. A low score is an answer, not a failure: a strong senior IC is a
// legitimate endpoint, and the wording says so.

export interface ReflectionStatement {
  /** Stable: answers are stored keyed by it. */
  id: string;
  text: string;
  /** True when agreeing with it suits the tech-lead role; false when it suits the senior-IC path. */
  suitsRole: boolean;
}

/** Shown above the statements. */
export const REFLECTION_GUIDANCE =
  'Answer each statement from 1 (not at all) to 5 (very much). There is no right answer: a high fit score suggests the tech-lead role may suit you, a low one that a senior IC path may suit you better, and growing as a strong senior IC is a legitimate endpoint, not a consolation.';

export const REFLECTION_STATEMENTS: readonly ReflectionStatement[] = Object.freeze(
  [
    {
      id: 'team-improvement-energises',
      text: 'I get energy from improving how the team works, not only from my own work.',
      suitsRole: true,
    },
    {
      id: 'enjoys-technical-strategy',
      text: 'I enjoy technical strategy and thinking about the system as a whole.',
      suitsRole: true,
    },
    {
      id: 'influences-without-authority',
      text: 'I am comfortable influencing decisions of people who do not report to me.',
      suitsRole: true,
    },
    {
      id: 'mentoring-conversations-engage',
      text: 'Mentoring and feedback conversations engage me.',
      suitsRole: true,
    },
    {
      id: 'deep-work-most-satisfying',
      text: 'Deep individual work is the most satisfying part of my job (a strength the senior IC path is built on).',
      suitsRole: false,
    },
    {
      id: 'prefers-producing',
      text: 'I feel uncomfortable spending my time enabling others rather than producing myself.',
      suitsRole: false,
    },
    {
      id: 'wants-to-specialise',
      text: 'I want to specialise deeply in one technical area (staff and principal IC roles reward this).',
      suitsRole: false,
    },
    {
      id: 'coordination-drains',
      text: 'Coordination and planning drain my energy.',
      suitsRole: false,
    },
  ].map((s) => Object.freeze(s)),
);

export const REFLECTION_STATEMENT_IDS: readonly string[] = Object.freeze(
  REFLECTION_STATEMENTS.map((s) => s.id),
);

/** The lowest and highest answer to a statement. */
export const ANSWER_MIN = 1;
export const ANSWER_MAX = 5;

/**
 * The fit score, 0-100: over the eight statements, the answer (or 6 minus it for a
 * statement that does not suit the role), averaged, then mapped from 1-5 onto 0-100 and
 * rounded. Throws when an answer is missing or not an integer 1-5: callers validate first.
 */
export function fitScore(answers: Readonly<Record<string, number>>): number {
  let sum = 0;
  for (const statement of REFLECTION_STATEMENTS) {
    const answer = answers[statement.id];
    if (
      answer === undefined ||
      !Number.isInteger(answer) ||
      answer < ANSWER_MIN ||
      answer > ANSWER_MAX
    ) {
      throw new RangeError(`No answer 1-5 for ${statement.id}`);
    }
    sum += statement.suitsRole ? answer : ANSWER_MIN + ANSWER_MAX - answer;
  }
  const mean = sum / REFLECTION_STATEMENTS.length;
  return Math.round(((mean - ANSWER_MIN) / (ANSWER_MAX - ANSWER_MIN)) * 100);
}
