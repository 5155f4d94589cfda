'use client';
// Copies a one-time secret (a token, a reset link) to the clipboard and says so.
import { useState } from 'react';
import './copy-button.css';

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  return (
    <>
      <button
        type="button"
        className="button small"
        onClick={() => {
          navigator.clipboard.writeText(text).then(
            () => setCopied('yes'),
            () => setCopied('no'),
          );
        }}
      >
        {label}
      </button>
      <span role="status" className="small muted">
        {copied === 'yes'
          ? 'Copied.'
          : copied === 'no'
            ? 'Copying failed: select it and copy.'
            : ''}
      </span>
    </>
  );
}

/** A secret shown once: the value, selectable, and a copy button. */
export function OneTimeSecret({ value, label }: { value: string; label: string }) {
  return (
    <div className="secret">
      <code>
        <span className="sr-only">{label}: </span>
        {value}
      </code>
      <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} />
    </div>
  );
}
