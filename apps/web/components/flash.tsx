import type { ReactNode } from 'react';

/** A short "it worked" line after an action, announced politely to screen readers. */
export function Flash({ children }: { children: ReactNode }) {
  return (
    <p className="flash" role="status">
      {children}
    </p>
  );
}

/** The sentence after an action that failed (`?error=` on the page it came back to). */
export function FailedAction({
  error,
  lead = 'That did not work.',
}: {
  error: string | string[] | undefined;
  /** What did not happen, before the reason. */
  lead?: string;
}) {
  if (typeof error !== 'string') return null;
  return (
    <p className="form-alert" role="alert">
      {lead} {error}
    </p>
  );
}
