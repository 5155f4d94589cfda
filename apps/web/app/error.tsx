'use client';

export default function RootError({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="auth">
      <div className="panel error-panel" role="alert">
        <h1>Something went wrong</h1>
        <p>The page could not be loaded. Try again in a moment.</p>
        <button type="button" className="button primary" onClick={() => reset()}>
          Try again
        </button>
      </div>
    </main>
  );
}
