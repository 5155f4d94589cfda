// Owns the evidence kinds: their slugs, which count by default, and how they are described.

// Constants here are frozen: they are shared by every request of the API server.
// packages/cli compiles this file into the `leadtrack` command (plain Node, ESM): keep it
// free of imports.
export const EVIDENCE_KINDS = Object.freeze([
  'ownership',
  'review',
  'proposal',
  'mentoring',
  'communication',
  'unblocking',
  'feedback',
] as const);

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** The five behaviours the default policy requires; `unblocking` and `feedback` are shown only. */
export const DEFAULT_REQUIRED_KINDS: EvidenceKind[] = Object.freeze([
  'ownership',
  'review',
  'proposal',
  'mentoring',
  'communication',
]) as EvidenceKind[];

export const KIND_INFO: Record<EvidenceKind, { label: string; hint: string }> = Object.freeze({
  ownership: {
    label: 'Domain ownership',
    hint: 'You are the go-to person for an area, improving and documenting it unasked.',
  },
  review: {
    label: 'Broad review',
    hint: 'Your review asked not only "does this work" but "does this fit the system".',
  },
  proposal: {
    label: 'Technical proposal',
    hint: 'You brought a proposal, facilitated the decision and followed it through.',
  },
  mentoring: {
    label: 'Mentoring',
    hint: 'Deliberate, repeated help to a less senior engineer.',
  },
  communication: {
    label: 'Explaining to non-engineers',
    hint: 'You made a trade-off clear to a product or engineering manager.',
  },
  unblocking: {
    label: 'Unblocking',
    hint: "You resolved someone's blocker.",
  },
  feedback: {
    label: 'Direct feedback',
    hint: 'You gave direct, specific feedback or held a difficult conversation.',
  },
});

const KIND_SET: ReadonlySet<string> = new Set(EVIDENCE_KINDS);

export function isEvidenceKind(s: string): s is EvidenceKind {
  return KIND_SET.has(s);
}

/** The short tags people type for each kind (`#rev`, `@rfc`), besides the slug itself. */
export const KIND_ALIASES: Readonly<Record<EvidenceKind, readonly string[]>> = Object.freeze({
  ownership: ['own', 'owner'],
  review: ['rev'],
  proposal: ['rfc', 'adr', 'design'],
  mentoring: ['mentor'],
  communication: ['comms', 'comm'],
  unblocking: ['unblock'],
  feedback: ['fb'],
});

const KIND_BY_TAG: ReadonlyMap<string, EvidenceKind> = new Map(
  EVIDENCE_KINDS.flatMap((kind) => [kind, ...KIND_ALIASES[kind]].map((tag) => [tag, kind])),
);

/** The kind a tag names (the slug or an alias, any case, without its `#`/`@`), or undefined. */
export function kindOfTag(tag: string): EvidenceKind | undefined {
  return KIND_BY_TAG.get(tag.toLowerCase());
}
