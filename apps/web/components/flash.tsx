import type { ReactNode } from 'react';
import { failureText } from '../lib/notices';
import { FormAlert } from './field';

/** A short "it worked" line after an action, announced politely to screen readers. */
export function Flash({ children }: { children: ReactNode }) {
  return (
    <p className="flash" role="status">
      {children}
    </p>
  );
}

/**
 * The sentence after an action that failed (`?error=<code>` on the page it came back to),
 * from the fixed list in lib/notices.ts: a code not on it shows nothing.
 */
export function FailedAction({
  error,
  lead = '',
}: {
  error: string | string[] | undefined;
  /** What did not happen, before the reason. */
  lead?: string;
}) {
  const text = failureText(error);
  if (!text) return null;
  return <FormAlert>{lead ? `${lead} ${text}` : text}</FormAlert>;
}
