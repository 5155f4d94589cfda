import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { DateText } from '../../../components/date-text';
import { FormAlert } from '../../../components/field';
import { GivenLine } from '../../../components/given-line';
import { KindSwatch } from '../../../components/kind-swatch';
import { Markdown } from '../../../components/markdown';
import { PrintButton } from '../../../components/print-button';
import { StatusBadge } from '../../../components/readiness';
import { SummaryItem } from '../../../components/summary-item';
import { TableHead } from '../../../components/table-head';
import { currentPath, loadPolicy, requireMe, usersApi } from '../../../lib/api';
import { plural } from '../../../lib/format';
import type { QueryPageProps } from '../../../lib/page-props';
import './packet.css';
import '../../../components/evidence-item.css';
import '../../../components/summary-item.css';
import '../../../components/table-head.css';

export const metadata: Metadata = { title: 'Promotion packet · Leadtrack' };

export default async function PacketPage({ searchParams }: QueryPageProps) {
  const sp = await searchParams;
  const me = await requireMe();
  const userId = typeof sp.userId === 'string' && sp.userId ? sp.userId : me.id;
  const from = typeof sp.from === 'string' ? sp.from : '';
  const to = typeof sp.to === 'string' ? sp.to : '';
  const [res, policy] = await Promise.all([usersApi.packet(userId, { from, to }), loadPolicy()]);
  if (!res.ok) {
    if (res.status === 404) notFound();
    if (res.status === 401) {
      redirect(`/login?next=${encodeURIComponent(await currentPath())}`);
    }
    if (res.status === 400) {
      return (
        <>
          <h1>Promotion packet</h1>
          <FormAlert>
            {res.problem.errors?.map((e) => `${e.path}: ${e.message}`).join(' ') ||
              res.problem.detail}
          </FormAlert>
          <Link href={userId === me.id ? '/packet' : `/packet?userId=${userId}`}>
            Back to the last six months
          </Link>
        </>
      );
    }
    throw new Error(res.problem.detail || 'Could not load the packet.');
  }
  const packet = res.data;
  const required = policy.requiredKinds;
  const total = new Set(packet.kinds.flatMap((k) => k.entries.map((e) => e.id))).size;
  const entries = new Map(packet.kinds.flatMap((k) => k.entries.map((e) => [e.id, e] as const)));
  const acknowledged = [...entries.values()].filter((e) =>
    e.acknowledgements.some((a) => a.current),
  ).length;
  const earlier = [...entries.values()].filter(
    (e) => e.acknowledgements.length > 0 && !e.acknowledgements.some((a) => a.current),
  ).length;
  const q = new URLSearchParams();
  if (userId !== me.id) q.set('userId', userId);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  const r = packet.readiness;
  return (
    <article className="packet">
      {userId !== me.id ? (
        <p className="crumbs no-print">
          <Link href="/team">Team</Link> <span aria-hidden="true">/</span>{' '}
          <Link href={`/team/${userId}`}>{packet.user.name}</Link> <span aria-hidden="true">/</span>{' '}
          Packet
        </p>
      ) : null}
      <div className="page-head">
        <h1>Promotion packet: {packet.user.name}</h1>
        <div className="no-print button-row">
          <PrintButton />
          <a className="button primary" href={`/packet/markdown?${q.toString()}`} download>
            Download Markdown
          </a>
        </div>
      </div>
      <p className="muted">
        Evidence from <DateText iso={packet.from} /> to <DateText iso={packet.to} />:{' '}
        {plural(total, 'entry', 'entries')}, {acknowledged} acknowledged by a manager
        {earlier > 0 ? `, ${earlier} acknowledged on an earlier version only` : ''}.
      </p>
      <form method="get" className="filters no-print" aria-label="Packet period">
        {userId !== me.id ? <input type="hidden" name="userId" value={userId} /> : null}
        <div className="field">
          <label htmlFor="p-from">From</label>
          <input id="p-from" name="from" type="date" defaultValue={from || packet.from} />
        </div>
        <div className="field">
          <label htmlFor="p-to">To</label>
          <input id="p-to" name="to" type="date" defaultValue={to || packet.to} />
        </div>
        <div className="filter-buttons">
          <button type="submit" className="button">
            Change period
          </button>
        </div>
      </form>

      {total === 0 ? (
        <div className="empty-state panel no-print">
          <p>
            <strong>No evidence in this period.</strong>{' '}
            {userId === me.id ? (
              <>
                The packet gathers what you log. <Link href="/evidence/new">Log evidence</Link>, or
                choose a longer period above.
              </>
            ) : (
              <>
                {packet.user.name} has not logged anything between these dates. Choose a longer
                period above, or see <Link href={`/team/${userId}`}>their page</Link>.
              </>
            )}
          </p>
        </div>
      ) : null}

      <section className="panel" aria-labelledby="packet-readiness">
        <h2 id="packet-readiness">Readiness</h2>
        <dl className="summary">
          <SummaryItem term="Status">
            <StatusBadge current={r} />
          </SummaryItem>
          <SummaryItem term="Streak">
            <span className="big">{r.streak}</span> of {plural(r.thresholdWeeks, 'consistent week')}
          </SummaryItem>
          <SummaryItem term={r.ready ? 'Ready since' : 'Projected ready date'}>
            {r.ready ? (
              <>
                Week of <DateText iso={r.readySince} />
              </>
            ) : r.projectedReadyOn ? (
              <DateText iso={r.projectedReadyOn} />
            ) : (
              'Not yet projected: the current week is not consistent'
            )}
          </SummaryItem>
        </dl>
        <table className="table kind-summary">
          <caption className="sr-only">Entries per behaviour</caption>
          <TableHead columns={['Behaviour', 'Entries']} />
          <tbody>
            {packet.kinds.map((k) => (
              <tr key={k.kind}>
                <th scope="row">
                  <KindSwatch kind={k.kind} />
                  {k.label}
                  {required.length > 0 && !required.includes(k.kind) ? (
                    <span className="muted small"> (not required)</span>
                  ) : null}
                </th>
                <td>{plural(k.count, 'entry', 'entries')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {packet.kinds.map((k) => (
        <section key={k.kind} className="panel packet-kind" aria-labelledby={`pk-${k.kind}`}>
          <h2 id={`pk-${k.kind}`}>
            <KindSwatch kind={k.kind} />
            {k.label} <span className="muted small">({plural(k.count, 'entry', 'entries')})</span>
          </h2>
          {k.entries.length === 0 ? (
            <p className="empty">No entries in this period.</p>
          ) : (
            <ul className="packet-entries">
              {k.entries.map((e) => (
                <li key={e.id}>
                  <p className="packet-title">
                    <strong>{e.title}</strong>{' '}
                    <DateText className="muted small" iso={e.occurredOn} />
                  </p>
                  {e.description ? <Markdown className="entry-desc" text={e.description} /> : null}
                  {e.links.length > 0 ? (
                    <ul className="links">
                      {e.links.map((l) => (
                        <li key={l}>
                          <a href={l} rel="noreferrer noopener">
                            {l}
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {e.acknowledgements.length + e.endorsements.length > 0 ? (
                    <ul className="acks small">
                      {e.acknowledgements.map((a) => (
                        <GivenLine
                          key={`${a.by.id}-${a.createdAt}`}
                          given={a}
                          kind="acknowledgement"
                        />
                      ))}
                      {/* Colleagues' endorsements, apart from the manager's acknowledgements. */}
                      {e.endorsements.map((a) => (
                        <GivenLine
                          key={`endorsed-${a.by.id}-${a.createdAt}`}
                          given={a}
                          kind="endorsement"
                          colleague
                        />
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </article>
  );
}
