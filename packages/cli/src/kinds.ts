// The kind tags `leadtrack log` reads (`@review`, `@rfc`…): core's slugs and aliases, the
// same the Markdown import reads as `#tags`. core's kinds.ts is compiled into the command
// (tsconfig's rootDir is packages/), since the workspace packages export TypeScript source.
import { KIND_ALIASES } from '../../core/src/kinds.js';

export { kindOfTag } from '../../core/src/kinds.js';

/** "@ownership (@own, @owner), @review (@rev), …" for help texts and errors. */
export function describeTags(): string {
  return Object.entries(KIND_ALIASES)
    .map(([kind, aliases]) => `@${kind} (${aliases.map((a) => `@${a}`).join(', ')})`)
    .join(', ');
}
