import { randomUUID } from 'node:crypto';
import { todayUtc } from '@leadtrack/core';
import type { Metadata } from 'next';
import { EvidenceForm } from '../../../../components/evidence-form';
import { api } from '../../../../lib/api';
import { DEFAULT_REQUIRED } from '../../../../lib/policy';
import type { PolicyDto } from '../../../../lib/types';
import { createEvidence } from '../../../actions/evidence';

export const metadata: Metadata = { title: 'Log evidence · Leadtrack' };

export default async function NewEvidencePage() {
  const today = todayUtc();
  const policy = await api<PolicyDto>('/policy');
  const required = policy.ok ? policy.data.requiredKinds : DEFAULT_REQUIRED;
  return (
    <>
      <h1>Log evidence</h1>
      <p className="muted">
        One piece of work, the lead behaviours it shows, and when it happened. Short is fine.
      </p>
      <div className="panel narrow">
        <EvidenceForm
          action={createEvidence}
          initial={{
            title: '',
            kinds: [],
            occurredOn: today,
            description: '',
            links: '',
            audience: '',
          }}
          today={today}
          requiredKinds={required}
          submitLabel="Log evidence"
          idempotencyKey={randomUUID()}
        />
      </div>
    </>
  );
}
