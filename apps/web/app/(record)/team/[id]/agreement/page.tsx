import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AgreementView } from '../../../../../components/agreement-view';
import { loadOrNull, usersApi } from '../../../../../lib/api';
import { loadPerson, type RecordPageProps, readRecordPage } from '../../../../../lib/record-page';

export const metadata: Metadata = { title: 'Working agreement · Leadtrack' };

export default async function ReportAgreementPage(props: RecordPageProps) {
  const { sp, me, user } = await readRecordPage(props, loadPerson);
  const agreement = await loadOrNull(usersApi.agreement(user.id));
  if (!agreement) notFound();
  const first = user.name.split(' ')[0] ?? user.name;
  // Only the current manager is a side of the agreement; an admin reads it.
  const side = user.managerId === me.id ? 'manager' : null;
  return (
    <>
      <p className="crumbs">
        <Link href="/team">Team</Link> <span aria-hidden="true">/</span>{' '}
        <Link href={`/team/${user.id}`}>{user.name}</Link> <span aria-hidden="true">/</span> Working
        agreement
      </p>
      <h1>Working agreement with {first}</h1>
      <p className="muted">
        Who owns what between {first} and you. Either of you may change it; it is agreed once both
        confirm the same version.
      </p>
      {side ? (
        <AgreementView
          agreement={agreement}
          side={side}
          other={first}
          leadName={first}
          back={`/team/${user.id}/agreement`}
          flash={sp}
        />
      ) : (
        <p className="panel">
          Only {first} and their manager change this agreement.{' '}
          {agreement.confirmed ? 'Both have confirmed it.' : 'It is not confirmed yet.'}
        </p>
      )}
    </>
  );
}
