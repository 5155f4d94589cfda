// The evidence kinds as the CLI writes them: each slug (packages/core EVIDENCE_KINDS, which a
// unit test holds this list equal to) and the short tags people type after `@`.

export const KIND_ALIASES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  ownership: ['own', 'owner'],
  review: ['rev'],
  proposal: ['rfc', 'adr', 'design'],
  mentoring: ['mentor'],
  communication: ['comms', 'comm'],
  unblocking: ['unblock'],
  feedback: ['fb'],
});

const BY_TAG = new Map<string, string>(
  Object.entries(KIND_ALIASES).flatMap(([kind, aliases]) =>
    [kind, ...aliases].map((tag) => [tag, kind] as const),
  ),
);

/** The kind slug a tag (without `@`, any case) names, or undefined. */
export function kindOfTag(tag: string): string | undefined {
  return BY_TAG.get(tag.toLowerCase());
}

/** "@ownership (@own, @owner), @review (@rev), …" for help texts and errors. */
export function describeTags(): string {
  return Object.entries(KIND_ALIASES)
    .map(([kind, aliases]) => `@${kind} (${aliases.map((a) => `@${a}`).join(', ')})`)
    .join(', ');
}
