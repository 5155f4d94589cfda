'use client';
import { useEffect } from 'react';

export default function ErrorBoundary({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="panel error-panel" role="alert">
      <h1>Something went wrong</h1>
      <p>
        This page could not be loaded. The service may be restarting; try again in a moment.
        {error.digest ? <span className="muted"> (reference {error.digest})</span> : null}
      </p>
      <button type="button" className="button primary" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
