import type { Metadata } from 'next';
import Link from 'next/link';
import { ColleaguePicker } from '../../../../../components/colleague-picker';
import { EvidenceItem } from '../../../../../components/evidence-item';
import { FailedAction, Flash } from '../../../../../components/flash';
import { PendingButton } from '../../../../../components/pending-button';
import { loadColleagues } from '../../../../../lib/api';
import {
  loadOwnEvidence,
  type RecordPageProps,
  readRecordPage,
} from '../../../../../lib/record-page';
import { requestEndorsement } from '../../../../actions/endorsements';
import '../../../../(app)/endorsements/endorsements.css';

export const metadata: Metadata = { title: 'Ask for an endorsement · Leadtrack' };

export default async function EndorsePage(props: RecordPageProps) {
  // Only the owner asks; anyone else who may read the entry is sent a plain 404 here.
  const { sp, me, entry } = await readRecordPage(props, loadOwnEvidence);
  const colleagues = await loadColleagues(me.id);
  // `asked` is an id: the name comes from the directory, never from the link.
  const asked = colleagues.find((c) => c.id === sp.asked);
  return (
    <>
      <p className="crumbs">
        <Link href="/evidence">Evidence</Link> <span aria-hidden="true">/</span> Ask for an
        endorsement
      </p>
      <h1>Ask for an endorsement</h1>
      <p className="muted">
        A colleague who saw this work can vouch for it. They read this entry only, nothing else of
        yours, and endorse it with a comment or decline. Endorsements count toward visibility and
        appear in your packet, apart from your manager's acknowledgements.
      </p>
      {asked ? (
        <Flash>Asked {asked.name}. The endorsement appears on the entry once they answer.</Flash>
      ) : null}
      <FailedAction error={sp.error} lead="Not asked." />
      <EvidenceItem entry={entry} />
      <form action={requestEndorsement} className="panel inline-form">
        <input type="hidden" name="entryId" value={entry.id} />
        <ColleaguePicker
          id="endorser"
          label="Colleague to ask"
          colleagues={colleagues}
          hint="Anyone active in this Leadtrack instance: a peer, a stakeholder, a staff engineer."
        />
        <PendingButton className="button primary">Ask for an endorsement</PendingButton>
      </form>
    </>
  );
}
