import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { ActionButton } from '../../../components/action-button';
import { EvidenceItem } from '../../../components/evidence-item';
import { InputField, SelectField } from '../../../components/field';
import { FailedAction } from '../../../components/flash';
import { Pager } from '../../../components/pager';
import { PendingButton } from '../../../components/pending-button';
import { evidenceApi, fieldErrors, load } from '../../../lib/api';
import { EVIDENCE_KINDS, KIND_INFO, plural } from '../../../lib/format';
import type { QueryPageProps } from '../../../lib/page-props';
import { DENSITY_COOKIE } from '../../../lib/preferences';
import type { EvidencePage } from '../../../lib/types';
import { deleteEvidence, restoreEvidence, setDensity } from '../../actions/evidence';
import './evidence.css';
import '../../../components/evidence-item.css';

export const metadata: Metadata = { title: 'Evidence · Leadtrack' };

const PAGE_SIZE = 20;

function one(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

function withParams(base: Record<string, string>, extra: Record<string, string | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...base, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `/evidence?${s}` : '/evidence';
}

/** The two ends of the date filter. */
const DATE_FILTERS = [
  { name: 'from', label: 'From' },
  { name: 'to', label: 'To' },
] as const;

export default async function EvidenceListPage({ searchParams }: QueryPageProps) {
  const sp = await searchParams;
  const kind = one(sp.kind);
  const from = one(sp.from);
  const to = one(sp.to);
  const cursor = one(sp.cursor);
  const page = Math.max(1, Number(one(sp.page)) || 1);
  const filters = { kind, from, to };
  const result = await evidenceApi.list({ kind, from, to, cursor, limit: PAGE_SIZE });
  // (`as`: the list's shape grows fields, e.g. a total, that an empty page does not need.)
  let list = { items: [], nextCursor: null, total: 0 } as EvidencePage;
  let filterErrors: Record<string, string> = {};
  if (result.ok) list = result.data;
  else if (result.status === 400) filterErrors = fieldErrors(result.problem);
  else list = await load(evidenceApi.list({ limit: PAGE_SIZE }));
  const here = withParams({ ...filters, cursor, page: page > 1 ? String(page) : '' }, {});
  const deleted = one(sp.deleted);
  const flash = one(sp.created)
    ? 'Evidence logged.'
    : one(sp.updated)
      ? 'Changes saved.'
      : one(sp.restored)
        ? 'Entry restored.'
        : null;
  const filtered = Boolean(kind || from || to);
  const compact = (await cookies()).get(DENSITY_COOKIE)?.value === 'compact';
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const firstShown = (page - 1) * PAGE_SIZE + 1;
  const lastShown = (page - 1) * PAGE_SIZE + list.items.length;

  return (
    <>
      <div className="page-head">
        <h1>Evidence</h1>
        <div className="button-row">
          <Link href="/evidence/trash" className="button ghost">
            Deleted entries
          </Link>
          <Link href="/evidence/new" className="button primary">
            Log evidence
          </Link>
        </div>
      </div>
      <div aria-live="polite">
        {flash ? <p className="flash">{flash}</p> : null}
        {deleted ? (
          <form action={restoreEvidence} className="flash flash-row">
            <span>
              Entry deleted. You can restore it for 30 days from{' '}
              <Link href="/evidence/trash">Deleted entries</Link>.
            </span>
            <input type="hidden" name="id" value={deleted} />
            <input type="hidden" name="back" value={withParams(filters, {})} />
            <PendingButton className="button small">Undo</PendingButton>
          </form>
        ) : null}
        <FailedAction error={sp.error} />
      </div>

      <form className="filters" method="get" aria-label="Filter evidence">
        <SelectField id="f-kind" name="kind" label="Behaviour" defaultValue={kind}>
          <option value="">All behaviours</option>
          {EVIDENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_INFO[k].label}
            </option>
          ))}
        </SelectField>
        {DATE_FILTERS.map(({ name, label }) => (
          <InputField
            key={name}
            id={`f-${name}`}
            name={name}
            label={label}
            type="date"
            defaultValue={{ from, to }[name]}
            error={filterErrors[name]}
          />
        ))}
        <div className="filter-buttons">
          <button type="submit" className="button">
            Filter
          </button>
          {filtered ? (
            <Link href="/evidence" className="button ghost">
              Clear
            </Link>
          ) : null}
        </div>
      </form>

      <div className="list-head">
        <p className="muted">
          {list.total === 0
            ? null
            : list.items.length === 0
              ? `${plural(list.total, 'entry', 'entries')} in all; none on this page.`
              : `Showing ${firstShown}–${lastShown} of ${plural(list.total, 'entry', 'entries')}${filtered ? ' matching the filters' : ''}.`}
        </p>
        <form action={setDensity}>
          <input type="hidden" name="back" value={here} />
          <fieldset className="density">
            <legend className="muted small">Density</legend>
            <span className="segmented">
              <button
                type="submit"
                name="density"
                value="comfortable"
                className="button small"
                aria-pressed={!compact}
              >
                Comfortable
              </button>
              <button
                type="submit"
                name="density"
                value="compact"
                className="button small"
                aria-pressed={compact}
              >
                Compact
              </button>
            </span>
          </fieldset>
        </form>
      </div>

      {list.items.length === 0 ? (
        <div className="empty-state panel">
          {filtered ? (
            <p>
              No evidence matches these filters.{' '}
              <Link href="/evidence">Show all your evidence</Link> instead.
            </p>
          ) : (
            <>
              <p>
                <strong>Nothing logged yet.</strong> Each entry is one piece of work and the lead
                behaviours it showed: a review that shaped a design, a proposal you drove, an hour
                of mentoring.
              </p>
              <p>
                <Link href="/evidence/new" className="button primary">
                  Log your first entry
                </Link>{' '}
                <span className="muted small">
                  Deleted something by mistake? <Link href="/evidence/trash">Deleted entries</Link>
                </span>
              </p>
            </>
          )}
        </div>
      ) : (
        <div className={`entries${compact ? ' compact' : ''}`}>
          {list.items.map((entry) => (
            <EvidenceItem
              key={entry.id}
              entry={entry}
              actions={
                <>
                  <Link
                    href={`/evidence/${entry.id}/edit`}
                    className="button small"
                    aria-label={`Edit “${entry.title}”`}
                  >
                    Edit
                  </Link>
                  <Link
                    href={`/evidence/${entry.id}/endorse`}
                    className="button small"
                    aria-label={`Ask for an endorsement of “${entry.title}”`}
                  >
                    Ask for an endorsement
                  </Link>
                  <ActionButton
                    action={deleteEvidence}
                    fields={{ id: entry.id, back: here }}
                    className="button small danger"
                    label={`Delete “${entry.title}”`}
                  >
                    Delete
                  </ActionButton>
                </>
              }
            />
          ))}
        </div>
      )}

      <Pager
        label="Pages"
        newer={page > 1 ? { href: withParams(filters, {}), text: 'Newest' } : null}
        status={
          <span className="muted small">
            Page {page} of {pages}
          </span>
        }
        older={
          list.nextCursor
            ? {
                href: withParams(filters, { cursor: list.nextCursor, page: String(page + 1) }),
                text: 'Older entries',
              }
            : null
        }
      />
    </>
  );
}
