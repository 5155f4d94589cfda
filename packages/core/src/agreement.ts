// Owns the working agreement's vocabulary: the eight areas of the engineer/manager boundary
// (PRODUCT.md "The rest of the role") and who may own each.

/** The areas, in the order they are shown. Stable ids: stored in working_agreements.items. */
export const AGREEMENT_AREAS = Object.freeze([
  'sprint',
  'performance-feedback',
  'hiring',
  'technical-direction',
  'stakeholder-updates',
  'roadmap',
  'mentoring-plan',
  'incident-command',
] as const);

export type AgreementArea = (typeof AGREEMENT_AREAS)[number];

export const AGREEMENT_OWNERS = Object.freeze(['lead', 'manager', 'shared'] as const);

export type AgreementOwner = (typeof AGREEMENT_OWNERS)[number];

export const AGREEMENT_AREA_LABELS: Record<AgreementArea, string> = Object.freeze({
  sprint: 'Running the sprint',
  'performance-feedback': 'Performance feedback',
  hiring: 'Hiring decisions',
  'technical-direction': 'Technical direction',
  'stakeholder-updates': 'Stakeholder updates',
  roadmap: 'Roadmap planning',
  'mentoring-plan': "The team's mentoring plan",
  'incident-command': 'Incident command',
});

const AREA_SET: ReadonlySet<string> = new Set(AGREEMENT_AREAS);

export function isAgreementArea(s: string): s is AgreementArea {
  return AREA_SET.has(s);
}
