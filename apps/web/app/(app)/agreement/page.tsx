import type { Metadata } from 'next';
import { AgreementView } from '../../../components/agreement-view';
import { load, requireMe, usersApi } from '../../../lib/api';
import type { QueryPageProps } from '../../../lib/page-props';

export const metadata: Metadata = { title: 'Working agreement · Leadtrack' };

export default async function AgreementPage({ searchParams }: QueryPageProps) {
  const sp = await searchParams;
  const me = await requireMe();
  const agreement = await load(usersApi.agreement(me.id));
  return (
    <>
      <h1>Working agreement</h1>
      <p className="muted">
        Who owns what between you and your manager: running the sprint, feedback, hiring and the
        rest. Writing it down once saves the same argument every quarter.
      </p>
      {me.managerId ? (
        <AgreementView
          agreement={agreement}
          side="lead"
          other="your manager"
          leadName="You"
          back="/agreement"
          flash={sp}
        />
      ) : (
        <div className="empty-state panel">
          <p>
            You have no manager in Leadtrack yet. Once an admin sets one, you can agree with them
            who owns each area here.
          </p>
        </div>
      )}
    </>
  );
}
