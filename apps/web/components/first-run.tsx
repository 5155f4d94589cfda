// The first admin's checklist on a fresh instance: until there is someone else and someone
// reports to someone, an empty readiness page says nothing useful. Each step links to the
// admin page where it is done, and shows as done once it is; the checklist stays until
// every step is (the policy counts as reviewed once an admin saved it: the audit log
// records each save, `policy.changed`).
import Link from 'next/link';
import { orgApi } from '../lib/api';
import { plural } from '../lib/format';
import type { User } from '../lib/types';
import './first-run.css';

/** A fresh instance: the caller is the only person, or nobody has a manager yet. */
export function isFirstRun(people: Pick<User, 'managerId'>[]): boolean {
  return people.length <= 1 || people.every((p) => !p.managerId);
}

/** Audit pages read looking for a saved policy (a young instance's log is short). */
const AUDIT_PAGES = 3;

/** Whether an admin ever saved the readiness policy (reviewed it), from the audit log. */
export async function policyReviewed(): Promise<boolean> {
  let cursor: string | undefined;
  for (let i = 0; i < AUDIT_PAGES; i++) {
    const page = await orgApi.audit({ limit: 100, cursor });
    if (!page.ok) return false;
    if (page.data.items.some((e) => e.action === 'policy.changed')) return true;
    if (!page.data.nextCursor) return false;
    cursor = page.data.nextCursor;
  }
  return false;
}

function checklistSteps(people: User[], me: User, reviewed: boolean) {
  const others = people.filter((p) => p.id !== me.id).length;
  const managed = people.filter((p) => p.managerId).length;
  return [
    {
      done: others > 0,
      title: 'Add the people who will use Leadtrack',
      text:
        others > 0
          ? `${plural(others, 'person', 'people')} besides you so far. Add the rest, or let them sign up.`
          : 'Each engineer and manager needs an account. Add them here, or let them sign up.',
      href: '/admin#new-user-h',
      action: 'Add people',
    },
    {
      done: managed > 0,
      title: 'Say who reports to whom',
      text:
        managed > 0
          ? `${plural(managed, 'person', 'people')} ${managed === 1 ? 'has' : 'have'} a manager so far.`
          : 'A manager sees their reports’ readiness, acknowledges their evidence and gives feedback. Nobody has a manager yet.',
      href: '/admin#people-h',
      action: 'Set managers',
    },
    {
      done: reviewed,
      title: 'Review the readiness policy',
      text: reviewed
        ? 'Saved. Change it any time on the admin page.'
        : 'Which behaviours are required, the window they must show up in, and how many consistent weeks make someone ready. Save it once it suits your team.',
      href: '/admin#policy-h',
      action: 'Review the policy',
    },
  ];
}

/** Whether the checklist has steps left (it shows until it has none). */
export function checklistOpen(people: User[], me: User, reviewed: boolean): boolean {
  return checklistSteps(people, me, reviewed).some((step) => !step.done);
}

export function FirstRunChecklist({
  people,
  me,
  reviewed,
}: {
  people: User[];
  me: User;
  reviewed: boolean;
}) {
  const steps = checklistSteps(people, me, reviewed);
  return (
    <section className="panel checklist" aria-labelledby="first-run-h">
      <h2 id="first-run-h">Set up Leadtrack for your team</h2>
      <p className="muted">
        You are this instance’s admin. Three steps before your team’s readiness means anything:
      </p>
      <ol className="checklist-steps">
        {steps.map((step) => (
          <li key={step.title} className={step.done ? 'done' : undefined}>
            <span className="check" aria-hidden="true">
              {step.done ? '✓' : ''}
            </span>
            <div>
              <strong>{step.title}</strong>
              {step.done ? <span className="sr-only"> (done)</span> : null}
              <p className="muted small">{step.text}</p>
            </div>
            <Link href={step.href} className="button small">
              {step.action}
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}
