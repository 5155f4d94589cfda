// Settings › Sponsors: colleagues you let read your timeline, evidence, role profile and
// packet (never check-ins, feedback, reflections or the agreement), granted and revoked
// here; and the people who let you read theirs.
import Link from 'next/link';
import { grantSponsor, revokeSponsor } from '../app/actions/endorsements';
import { loadColleagues, meApi } from '../lib/api';
import { ColleaguePicker } from './colleague-picker';
import { DateText } from './date-text';
import { FailedAction } from './flash';
import { PendingButton } from './pending-button';
import '../app/(app)/endorsements/endorsements.css';

export async function SponsorsSection({
  meId,
  flash,
}: {
  meId: string;
  flash: Record<string, string | string[] | undefined>;
}) {
  const [sponsors, sponsoring, colleagues] = await Promise.all([
    meApi.sponsors(),
    meApi.sponsoring(),
    loadColleagues(meId),
  ]);
  const mine = sponsors.ok ? sponsors.data.items : [];
  const granted = new Set(mine.map((s) => s.user.id));
  // `sponsorGranted` is an id: the name comes from the list of sponsors, not the link.
  const grantedNow = mine.find((s) => s.user.id === flash.sponsorGranted);
  const theirs = sponsoring.ok ? sponsoring.data.items : [];
  return (
    <section className="panel" aria-labelledby="sponsors-h">
      <h2 id="sponsors-h">Sponsors</h2>
      <p className="muted">
        A sponsor (a skip-level manager, a staff engineer) speaks for your work where you are not in
        the room. Let them read your readiness, evidence, role profile and packet; never your
        check-in notes, feedback, reflections or working agreement. Revoke it any time.
      </p>
      {grantedNow ? (
        <p className="flash" role="status">
          {grantedNow.user.name} can now read your readiness, evidence, profile and packet.
        </p>
      ) : null}
      {flash.sponsorRevoked ? (
        <p className="flash" role="status">
          Revoked: they can no longer read your readiness.
        </p>
      ) : null}
      <FailedAction error={flash.sponsorError} />
      {mine.length === 0 ? (
        <p className="empty">No sponsors yet.</p>
      ) : (
        <ul className="plain-list">
          {mine.map((s) => (
            <li key={s.user.id} className="flash-row">
              <span>
                <strong>{s.user.name}</strong>{' '}
                <span className="muted small">
                  since <DateText iso={s.createdAt} />
                </span>
              </span>
              <form action={revokeSponsor}>
                <input type="hidden" name="userId" value={s.user.id} />
                <PendingButton
                  className="button small ghost"
                  aria-label={`Revoke ${s.user.name}'s access`}
                >
                  Revoke
                </PendingButton>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form action={grantSponsor} className="inline-form">
        <ColleaguePicker
          id="sponsor"
          label="Add a sponsor"
          colleagues={colleagues.filter((c) => !granted.has(c.id))}
        />
        <PendingButton className="button">Grant access</PendingButton>
      </form>
      {theirs.length > 0 ? (
        <>
          <h3>People who made you their sponsor</h3>
          <ul className="plain-list">
            {theirs.map((s) => (
              <li key={s.user.id}>
                <Link href={`/people/${s.user.id}`}>{s.user.name}</Link>{' '}
                <span className="muted small">
                  since <DateText iso={s.createdAt} />
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
