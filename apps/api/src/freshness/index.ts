// Freshness: the one owner of "these people's data changed" and of what follows from it.
//
// - The writes report (./changes.ts): every service command that changes what readiness
//   reads calls `dataChanged(who)`, a policy save `policyChanged()`.
// - The database bumps versions: the triggers ./triggers.ts declares (one migration defines
//   them all) bump `users.data_version` in the writing transaction, whichever path wrote.
// - Every cache is keyed from one function (./keys.ts) over the versions a request reads.
// - After a write's answer is known, and before it is sent, the readiness watch runs for
//   whoever changed (./readiness-watch.ts), and a turn to ready notifies their manager
//   once; the notifications are mailed after the answer is sent.
//
// `freshnessHooks` installs this on the protected tree (routes/v1/index.ts): one scope per
// request, entered in onRequest, so a route never calls the watch by hand.
import type { Database } from '@leadtrack/db';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { mailPendingNotifications } from '../services/notifications/mail-notifications';
import { inRequestScope, newRequestChanges, type RequestChanges } from './changes';
import { watchManagedPeople, watchReadiness } from './readiness-watch';

export { dataChanged, policyChanged, type Watched } from './changes';
export { freshnessKey, policyInputs } from './keys';

declare module 'fastify' {
  interface FastifyRequest {
    /** What this request changed and whether it made a notification (./changes.ts). */
    changes: RequestChanges | null;
  }
}

/**
 * Watches the readiness of whoever `changes` names, as of `now`. The write has committed:
 * a failure here is logged, never turned into an error for a change that was made.
 */
export async function settleChanges(
  db: Database,
  log: FastifyBaseLogger,
  changes: RequestChanges,
  now: Date,
): Promise<void> {
  const watches = changes.policy
    ? [
        watchManagedPeople(db, now).catch((err) =>
          log.error({ err }, 'could not check readiness after the policy changed'),
        ),
      ]
    : [...changes.people.entries()].map(([userId, who]) =>
        watchReadiness(db, who, now).catch((err) =>
          log.error({ err, userId }, 'could not check whether readiness changed'),
        ),
      );
  changes.people.clear();
  changes.policy = false;
  await Promise.all(watches);
}

/** The protected tree's hooks: the request's scope, the watch after a write, the mail after. */
export function freshnessHooks(tree: FastifyInstance): void {
  const { db } = tree;
  tree.decorateRequest('changes', null);
  tree.addHook('onRequest', (request, _reply, done) => {
    request.changes = newRequestChanges();
    inRequestScope(request.changes, done);
  });
  // Before the answer leaves: a client reading after its write sees what the write caused.
  tree.addHook('onSend', async (request, reply, payload) => {
    const { changes } = request;
    if (!changes || reply.statusCode >= 400) return payload;
    if (changes.people.size > 0 || changes.policy) {
      await settleChanges(db, request.log, changes, request.now);
    }
    return payload;
  });
  // A write that made notifications to mail: mailed once the answer is sent, never delaying
  // it nor failing it (services/notifications/mail-notifications.ts). Only a request that
  // made one sweeps (most writes make none).
  tree.addHook('onResponse', async (request, reply) => {
    if (!request.changes?.made || reply.statusCode >= 400) return;
    mailPendingNotifications({ db, mailer: tree.mailer }, request.log).catch((error) =>
      request.log.error({ err: error }, 'could not mail notifications'),
    );
  });
}
