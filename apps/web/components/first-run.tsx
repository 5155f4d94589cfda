// The first admin's checklist on a fresh instance: until there is someone else and someone
// reports to someone, an empty readiness page says nothing useful. Each step links to the
// admin page where it is done, and shows as done once it is.
import Link from 'next/link';
import { plural } from '../lib/format';
import type { User } from '../lib/types';

/** A fresh instance: the caller is the only person, or nobody has a manager yet. */
export function isFirstRun(people: Pick<User, 'managerId'>[]): boolean {
  return people.length <= 1 || people.every((p) => !p.managerId);
}

export function FirstRunChecklist({ people, me }: { people: User[]; me: User }) {
  const others = people.filter((p) => p.id !== me.id).length;
  const managed = people.filter((p) => p.managerId).length;
  const steps = [
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
      text: 'A manager sees their reports’ readiness, acknowledges their evidence and gives feedback. Nobody has a manager yet.',
      href: '/admin#people-h',
      action: 'Set managers',
    },
    {
      done: false,
      title: 'Review the readiness policy',
      text: 'Which behaviours are required, the window they must show up in, and how many consistent weeks make someone ready.',
      href: '/admin#policy-h',
      action: 'Review the policy',
    },
  ];
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
