// A sponsor's read-only view of someone who granted them access: readiness, role profile,
// evidence and a link to the packet (never check-ins, feedback, reflections or agreement,
// which the API refuses a sponsor anyway).
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DateText } from '../../../../components/date-text';
import { EvidenceItem } from '../../../../components/evidence-item';
import { Pager } from '../../../../components/pager';
import { PersonHead } from '../../../../components/person-head';
import { RoleProfile } from '../../../../components/role-profile';
import { Timeline } from '../../../../components/timeline';
import {
  evidenceApi,
  load,
  loadOrNull,
  loadRoleProfile,
  meApi,
  usersApi,
} from '../../../../lib/api';
import { KIND_INFO } from '../../../../lib/format';
import {
  kindParam,
  oneParam,
  type RecordPageProps,
  readRecordPage,
} from '../../../../lib/record-page';
import { loadWeekTitles } from '../../../../lib/week-titles';
import '../../../../components/evidence-item.css';

export const metadata: Metadata = { title: 'Sponsored · Leadtrack' };

export default async function SponsoredPage(props: RecordPageProps) {
  const { id, sp } = await readRecordPage(props);
  const sponsoring = await load(meApi.sponsoring());
  const grant = sponsoring.items.find((s) => s.user.id === id);
  if (!grant) notFound();
  const person = grant.user;
  const one = oneParam;
  const from = one(sp.from);
  const to = one(sp.to);
  // A heatmap cell opens one behaviour's entries of its week.
  const kind = kindParam(sp.kind);
  const cursor = one(sp.cursor);
  const [readiness, evidence, profile] = await Promise.all([
    loadOrNull(usersApi.readiness(person.id)),
    load(evidenceApi.list({ userId: person.id, limit: 20, kind, from, to, cursor })),
    loadRoleProfile(person.id),
  ]);
  if (!readiness) notFound();
  const titles = await loadWeekTitles(person.id, readiness.weeks[0]?.weekStart);
  const first = person.name.split(' ')[0] ?? person.name;
  return (
    <>
      <PersonHead back={{ href: '/settings#sponsors-h', label: 'Sponsoring' }} person={person} />
      <p className="muted">
        {first} made you a sponsor: you read their readiness, evidence, role profile and packet.
        Their check-ins, feedback and reflections stay private.
      </p>
      <Timeline
        readiness={readiness}
        who={first}
        titles={titles}
        weekHref={`/people/${person.id}`}
      />
      {profile ? <RoleProfile profile={profile} who={first} /> : null}
      <section className="panel" aria-labelledby="evidence-h">
        <h2 id="evidence-h">Evidence</h2>
        {from || to ? (
          <p>
            Week of <DateText iso={from ?? to ?? ''} />
            {kind ? `, ${KIND_INFO[kind].label} only` : ''} ·{' '}
            <Link href={`/people/${person.id}#evidence-h`}>All weeks</Link>
          </p>
        ) : null}
        {evidence.items.length === 0 ? (
          <p className="empty">Nothing logged {from || to ? 'that week' : 'yet'}.</p>
        ) : (
          <div className="entries">
            {evidence.items.map((e) => (
              <EvidenceItem key={e.id} entry={e} />
            ))}
          </div>
        )}
        {evidence.nextCursor ? (
          <Pager
            label="Evidence pages"
            older={{
              href: `/people/${person.id}?cursor=${encodeURIComponent(evidence.nextCursor)}#evidence-h`,
              text: 'Older entries',
            }}
          />
        ) : null}
      </section>
    </>
  );
}
