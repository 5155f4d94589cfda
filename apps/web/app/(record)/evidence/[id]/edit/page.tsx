import { todayUtc } from '@leadtrack/core';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EvidenceForm } from '../../../../../components/evidence-form';
import { loadOrNull, loadPolicy } from '../../../../../lib/api';
import type { Evidence } from '../../../../../lib/types';
import { updateEvidence } from '../../../../actions/evidence';

export const metadata: Metadata = { title: 'Edit evidence · Leadtrack' };

export default async function EditEvidencePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [entry, policy] = await Promise.all([
    loadOrNull<Evidence>(`/evidence/${encodeURIComponent(id)}`),
    loadPolicy(),
  ]);
  if (!entry) notFound();
  const today = todayUtc();
  return (
    <>
      <h1>Edit evidence</h1>
      <div className="panel narrow">
        <EvidenceForm
          action={updateEvidence}
          initial={{
            title: entry.title,
            kinds: entry.kinds,
            occurredOn: entry.occurredOn,
            description: entry.description ?? '',
            links: entry.links.join('\n'),
            audience: entry.audience ?? '',
          }}
          today={today}
          requiredKinds={policy.requiredKinds}
          submitLabel="Save changes"
          hidden={{ id: entry.id, version: String(entry.version) }}
        />
      </div>
    </>
  );
}
