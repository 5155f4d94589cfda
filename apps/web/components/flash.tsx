import type { ReactNode } from 'react';

/** A short "it worked" line after an action, announced politely to screen readers. */
export function Flash({ children }: { children: ReactNode }) {
  return (
    <p className="flash" role="status">
      {children}
    </p>
  );
}
