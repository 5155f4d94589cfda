'use client';
// How much of a limited field is used: "12 of 200 characters" under the control (its
// description, read with it), and, near the limit, how many are left, said politely. The
// limits come from @leadtrack/schemas, the same the API enforces.
import { useEffect, useState } from 'react';

/** Characters left at which the count is said as it changes. */
const NEAR = 20;

export function CharCounter({
  id,
  max,
  initial = 0,
}: {
  id: string;
  max: number;
  initial?: number;
}) {
  const [used, setUsed] = useState(initial);
  useEffect(() => {
    const control = document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null;
    if (!control) return;
    const update = () => setUsed(control.value.length);
    update();
    control.addEventListener('input', update);
    return () => control.removeEventListener('input', update);
  }, [id]);
  const left = max - used;
  return (
    <p className={`hint counter${left <= NEAR ? ' counter-near' : ''}`} id={`${id}-count`}>
      {used.toLocaleString('en-GB')} of {max.toLocaleString('en-GB')} characters
      <span className="sr-only" aria-live="polite">
        {left <= NEAR ? `, ${left} left` : ''}
      </span>
    </p>
  );
}
