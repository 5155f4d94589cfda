import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EvidenceForm } from '../../../../../components/evidence-form';
import { evidenceApi, loadOrNull, loadPolicy, myToday } from '../../../../../lib/api';
import { updateEvidence } from '../../../../actions/evidence';

export const metadata: Metadata = { title: 'Edit evidence · Leadtrack' };

export default async function EditEvidencePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [entry, policy, today] = await Promise.all([
    loadOrNull(evidenceApi.get(id)),
    loadPolicy(),
    myToday(),
  ]);
  if (!entry) notFound();
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
