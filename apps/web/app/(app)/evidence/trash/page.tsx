import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '../../../../components/action-button';
import { DateText } from '../../../../components/date-text';
import { KindChips } from '../../../../components/evidence-item';
import { FormAlert } from '../../../../components/field';
import { evidenceApi, load } from '../../../../lib/api';
import { plural } from '../../../../lib/format';
import type { QueryPageProps } from '../../../../lib/page-props';
import { restoreEvidence } from '../../../actions/evidence';
import '../../../../components/evidence-item.css';

export const metadata: Metadata = { title: 'Deleted entries · Leadtrack' };

const DAY_MS = 24 * 60 * 60 * 1000;

export default async function TrashPage({ searchParams }: QueryPageProps) {
  const sp = await searchParams;
  const trash = await load(evidenceApi.trash());
  const restored = typeof sp.restored === 'string';
  const failed = sp.error === 'restore';
  const now = Date.now();
  return (
    <>
      <p className="crumbs">
        <Link href="/evidence">Evidence</Link> <span aria-hidden="true">/</span> Deleted entries
      </p>
      <h1>Deleted entries</h1>
      <p className="muted">
        Entries you deleted in the last 30 days. Restore one to put it back in your evidence and
        your readiness; after 30 days it is gone for good.
      </p>
      <div aria-live="polite">
        {restored ? (
          <p className="flash">
            Entry restored. It is back in <Link href="/evidence">your evidence</Link>.
          </p>
        ) : null}
        {failed ? (
          <FormAlert>
            That entry could not be restored: it may be past its 30 days. Reload to see what is
            left.
          </FormAlert>
        ) : null}
      </div>
      {trash.items.length === 0 ? (
        <div className="empty-state panel">
          <p>
            Nothing deleted in the last 30 days. Entries you delete from{' '}
            <Link href="/evidence">your evidence</Link> wait here for 30 days before they go.
          </p>
        </div>
      ) : (
        <>
          <p className="muted small">
            {plural(trash.total, 'deleted entry', 'deleted entries')} can be restored.
          </p>
          <div className="entries">
            {trash.items.map((entry) => {
              const daysLeft = Math.max(
                0,
                Math.ceil((Date.parse(entry.restorableUntil) - now) / DAY_MS),
              );
              return (
                <article key={entry.id} className="entry" aria-labelledby={`deleted-${entry.id}`}>
                  <div className="entry-head">
                    <h2 id={`deleted-${entry.id}`} className="entry-title">
                      {entry.title}
                    </h2>
                    <DateText iso={entry.occurredOn} className="muted small" />
                  </div>
                  <KindChips kinds={entry.kinds} />
                  <p className="muted small">
                    Deleted <DateText iso={entry.deletedAt} />; restorable until{' '}
                    <DateText iso={entry.restorableUntil} /> ({plural(daysLeft, 'day')} left).
                  </p>
                  <div className="entry-actions">
                    <ActionButton
                      action={restoreEvidence}
                      fields={{ id: entry.id, back: '/evidence/trash' }}
                      className="button small primary"
                      label={`Restore “${entry.title}”`}
                    >
                      Restore
                    </ActionButton>
                  </div>
                </article>
              );
            })}
          </div>
        </>
      )}
    </>
  );
}
