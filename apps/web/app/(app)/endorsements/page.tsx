import { EVIDENCE_LIMITS } from '@leadtrack/schemas';
import type { Metadata } from 'next';
import { DateText } from '../../../components/date-text';
import { KindChips } from '../../../components/evidence-item';
import { FailedAction } from '../../../components/flash';
import { Markdown } from '../../../components/markdown';
import { PendingButton } from '../../../components/pending-button';
import { endorsementsApi, evidenceApi, load } from '../../../lib/api';
import type { QueryPageProps } from '../../../lib/page-props';
import { declineRequest, endorseRequest } from '../../actions/endorsements';
import './endorsements.css';
import '../../../components/evidence-item.css';

export const metadata: Metadata = { title: 'Endorsement requests · Leadtrack' };

export default async function EndorsementRequestsPage({ searchParams }: QueryPageProps) {
  const sp = await searchParams;
  const list = await load(endorsementsApi.pending());
  // The requested colleague may read that one entry in full (description, links).
  const entries = await Promise.all(list.items.map((r) => evidenceApi.get(r.entry.id)));
  return (
    <>
      <h1>Endorsement requests</h1>
      <p className="muted">
        Colleagues asked you to vouch for a piece of their work. You see that entry only. Endorse it
        if you saw the work (a sentence on what it changed helps them most), or decline: they are
        not told why.
      </p>
      {sp.done === 'endorsed' ? (
        <p className="flash" role="status">
          Endorsed. It now shows on their entry and in their packet.
        </p>
      ) : sp.done === 'declined' ? (
        <p className="flash" role="status">
          Declined.
        </p>
      ) : null}
      <FailedAction error={sp.error} />
      {list.items.length === 0 ? (
        <div className="empty-state panel">
          <p>Nothing waiting. When a colleague asks you to endorse an entry, it appears here.</p>
        </div>
      ) : (
        <div className="request-list">
          {list.items.map((r, i) => {
            const full = entries[i]?.ok ? entries[i].data : null;
            return (
              <article key={r.id} className="panel entry" aria-labelledby={`req-${r.id}`}>
                <p className="muted small">
                  {r.requestedBy.name} asked on <DateText iso={r.createdAt} />
                </p>
                <div className="entry-head">
                  <h2 id={`req-${r.id}`}>{r.entry.title}</h2>
                  <DateText iso={r.entry.occurredOn} className="muted small" />
                </div>
                <KindChips kinds={r.entry.kinds} />
                {full?.description ? (
                  <Markdown className="entry-desc" text={full.description} />
                ) : null}
                <form action={endorseRequest} className="inline-form">
                  <input type="hidden" name="requestId" value={r.id} />
                  <div className="field">
                    <label htmlFor={`comment-${r.id}`}>Comment (optional)</label>
                    <textarea
                      id={`comment-${r.id}`}
                      name="comment"
                      rows={2}
                      maxLength={EVIDENCE_LIMITS.commentMax}
                      placeholder="What the work changed, as you saw it"
                    />
                  </div>
                  <PendingButton
                    className="button primary"
                    aria-label={`Endorse “${r.entry.title}”`}
                  >
                    Endorse
                  </PendingButton>
                </form>
                <form action={declineRequest}>
                  <input type="hidden" name="requestId" value={r.id} />
                  <PendingButton
                    className="button ghost small"
                    aria-label={`Decline to endorse “${r.entry.title}”`}
                  >
                    Decline
                  </PendingButton>
                </form>
              </article>
            );
          })}
        </div>
      )}
    </>
  );
}
