// Owns the role profile: the seed's senior-IC-versus-tech-lead table held against a
// person's recent non-leave weeks (the API aggregates them), with a verdict in plain words
// for each dimension. Pure: the numbers come in, the comparison comes out.
import type { EvidenceKind } from './kinds';
import { plural } from './words';

/** The seed's hands-on share for a tech lead, in %, inclusive. */
export const HANDS_ON_BAND = Object.freeze({ min: 50, max: 60 });

/** How many non-leave weeks the profile looks at unless asked otherwise, and at most. */
export const PROFILE_WEEKS = Object.freeze({ default: 13, min: 1, max: 52 });

/**
 * A behaviour is "regular" when it shows in at least this share of the weeks: the same bar
 * as the `mentoring-ad-hoc` signal (half of the weeks).
 */
export const REGULAR_SHARE = 0.5;

/** Below this many deep-work blocks a week, technical currency is at risk (the signal's bar). */
export const DEEP_WORK_FLOOR = 1;
/** From this many blocks a week on, deep individual work dominates: the senior-IC shape. */
export const DEEP_WORK_IC = 3;

export interface ProfileSummary {
  /** Non-leave weeks looked at (at most the number asked for; fewer for a short history). */
  weeks: number;
  /** Check-ins among those weeks: the averages are over them. */
  checkins: number;
  /** Mean hands-on share of those check-ins, or null without any. */
  handsOnPercent: number | null;
  /** Mean deep-work blocks of those check-ins, or null without any. */
  deepWorkBlocks: number | null;
  /** Of those weeks, how many hold at least one entry of each kind. */
  weeksWithKind: Record<EvidenceKind, number>;
}

export const PROFILE_DIMENSIONS = Object.freeze([
  'hands-on',
  'deep-work',
  'stakeholder-communication',
  'mentoring',
  'review',
  'proposal',
] as const);
export type ProfileDimension = (typeof PROFILE_DIMENSIONS)[number];

/** Which column of the table the person's weeks resemble; `neither` is outside both. */
export type ProfileLeaning = 'tech-lead' | 'senior-ic' | 'neither' | 'unknown';

export interface ProfileComparison {
  dimension: ProfileDimension;
  label: string;
  /** The seed's senior-IC column. */
  seniorIc: string;
  /** The seed's tech-lead column. */
  techLead: string;
  leaning: ProfileLeaning;
  /** One sentence: what the weeks show against the table. */
  verdict: string;
}

const TABLE: Record<ProfileDimension, { label: string; seniorIc: string; techLead: string }> = {
  'hands-on': {
    label: 'Hands-on time',
    seniorIc: 'Most of the week hands-on',
    techLead: `${HANDS_ON_BAND.min}-${HANDS_ON_BAND.max} % hands-on, the rest enabling others`,
  },
  'deep-work': {
    label: 'Deep work',
    seniorIc: 'Deep individual work most days',
    techLead: 'Fewer deep-work blocks, but at least one protected every week',
  },
  'stakeholder-communication': {
    label: 'Stakeholder communication',
    seniorIc: 'Occasional, when a project needs it',
    techLead: 'Regular: trade-offs explained to product and management most weeks',
  },
  mentoring: {
    label: 'Mentoring',
    seniorIc: 'Ad hoc, when asked',
    techLead: 'Deliberate and recurring',
  },
  review: {
    label: 'Reviews',
    seniorIc: 'Reviews in their own area',
    techLead: 'Regular reviews with breadth: does this fit the system',
  },
  proposal: {
    label: 'Technical proposals',
    seniorIc: 'Contributes to proposals',
    techLead: 'Drives proposals and decisions regularly',
  },
};

const BEHAVIOUR_KIND: Record<
  'stakeholder-communication' | 'mentoring' | 'review' | 'proposal',
  EvidenceKind
> = {
  'stakeholder-communication': 'communication',
  mentoring: 'mentoring',
  review: 'review',
  proposal: 'proposal',
};

const BEHAVIOUR_WORDS: Record<keyof typeof BEHAVIOUR_KIND, string> = {
  'stakeholder-communication': 'Stakeholder communication',
  mentoring: 'Mentoring',
  review: 'Reviewing',
  proposal: 'Driving proposals',
};

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function handsOn(summary: ProfileSummary): Pick<ProfileComparison, 'leaning' | 'verdict'> {
  const avg = summary.handsOnPercent;
  if (avg === null) {
    return { leaning: 'unknown', verdict: 'No check-ins in these weeks: log them to compare.' };
  }
  const shown = `${Math.round(avg)} %`;
  if (avg > HANDS_ON_BAND.max) {
    return {
      leaning: 'senior-ic',
      verdict: `${shown} hands-on on average: above the ${HANDS_ON_BAND.min}-${HANDS_ON_BAND.max} % band, the senior-IC shape.`,
    };
  }
  if (avg >= HANDS_ON_BAND.min) {
    return {
      leaning: 'tech-lead',
      verdict: `${shown} hands-on on average: inside the ${HANDS_ON_BAND.min}-${HANDS_ON_BAND.max} % band of a tech lead.`,
    };
  }
  return {
    leaning: 'neither',
    verdict: `${shown} hands-on on average: below the ${HANDS_ON_BAND.min}-${HANDS_ON_BAND.max} % band, less than a tech lead usually keeps; watch your technical currency.`,
  };
}

function deepWork(summary: ProfileSummary): Pick<ProfileComparison, 'leaning' | 'verdict'> {
  const avg = summary.deepWorkBlocks;
  if (avg === null) {
    return { leaning: 'unknown', verdict: 'No check-ins in these weeks: log them to compare.' };
  }
  const shown = `${round1(avg)} deep-work blocks a week on average`;
  if (avg >= DEEP_WORK_IC) {
    return { leaning: 'senior-ic', verdict: `${shown}: deep individual work dominates.` };
  }
  if (avg >= DEEP_WORK_FLOOR) {
    return {
      leaning: 'tech-lead',
      verdict: `${shown}: fewer than an IC, but protected, as a tech lead needs.`,
    };
  }
  return {
    leaning: 'neither',
    verdict: `${shown}: under one a week, technical currency is at risk in either role.`,
  };
}

function behaviour(
  summary: ProfileSummary,
  dimension: keyof typeof BEHAVIOUR_KIND,
): Pick<ProfileComparison, 'leaning' | 'verdict'> {
  const held = summary.weeksWithKind[BEHAVIOUR_KIND[dimension]];
  const what = BEHAVIOUR_WORDS[dimension];
  if (summary.weeks === 0) {
    return { leaning: 'unknown', verdict: 'No weeks to compare yet.' };
  }
  const inWeeks = `in ${held} of ${plural(summary.weeks, 'week')}`;
  if (held === 0) {
    return { leaning: 'senior-ic', verdict: `${what} does not show in these weeks.` };
  }
  if (held / summary.weeks >= REGULAR_SHARE) {
    return {
      leaning: 'tech-lead',
      verdict: `${what} shows ${inWeeks}: regular, as for a tech lead.`,
    };
  }
  return {
    leaning: 'senior-ic',
    verdict: `${what} shows ${inWeeks}: occasional, the senior-IC shape (a tech lead shows it in at least half).`,
  };
}

/** Each dimension of the table, in PROFILE_DIMENSIONS order, with the person's verdict. */
export function compareRoleProfile(summary: ProfileSummary): ProfileComparison[] {
  return PROFILE_DIMENSIONS.map((dimension) => {
    const judged =
      dimension === 'hands-on'
        ? handsOn(summary)
        : dimension === 'deep-work'
          ? deepWork(summary)
          : behaviour(summary, dimension);
    return { dimension, ...TABLE[dimension], ...judged };
  });
}
