import { randomUUID } from 'node:crypto';
import { EVIDENCE_KINDS, isIsoDate } from '@leadtrack/core';
import { EVIDENCE_LIMITS } from '@leadtrack/schemas';
import type { Metadata } from 'next';
import { EvidenceForm } from '../../../../components/evidence-form';
import { loadPolicy, myToday } from '../../../../lib/api';
import { clip } from '../../../../lib/format';
import type { QueryPageProps, SearchParams } from '../../../../lib/page-props';
import type { EvidenceValues } from '../../../actions/evidence';
import { createEvidence } from '../../../actions/evidence';

export const metadata: Metadata = { title: 'Log evidence · Leadtrack' };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

/**
 * What the quick form on the home page carried over ("More detail…"): only known kinds and
 * real dates are taken; anything else falls back to the empty form's defaults. The API
 * still validates on save.
 */
function carriedOver(sp: SearchParams, today: string): EvidenceValues {
  const kinds = [sp.kinds ?? []]
    .flat()
    .filter((k) => (EVIDENCE_KINDS as readonly string[]).includes(k));
  const occurredOn = first(sp.occurredOn);
  const audience = first(sp.audience);
  return {
    title: clip(first(sp.title), EVIDENCE_LIMITS.titleMax),
    kinds: [...new Set(kinds)],
    occurredOn: isIsoDate(occurredOn) ? occurredOn : today,
    description: clip(first(sp.description), EVIDENCE_LIMITS.descriptionMax),
    links: '',
    audience: ['team', 'org', 'stakeholders'].includes(audience) ? audience : '',
  };
}

export default async function NewEvidencePage({ searchParams }: QueryPageProps) {
  const [sp, policy, today] = await Promise.all([searchParams, loadPolicy(), myToday()]);
  const required = policy.requiredKinds;
  return (
    <>
      <h1>Log evidence</h1>
      <p className="muted">
        One piece of work, the lead behaviours it shows, and when it happened. Short is fine.
      </p>
      <div className="panel narrow">
        <EvidenceForm
          action={createEvidence}
          initial={carriedOver(sp, today)}
          today={today}
          requiredKinds={required}
          submitLabel="Log evidence"
          idempotencyKey={randomUUID()}
        />
      </div>
    </>
  );
}
