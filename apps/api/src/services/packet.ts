// The promotion packet: a period's evidence grouped by behaviour, with acknowledgements (the
// manager's), endorsements (colleagues', kept apart) and the readiness summary as of the
// period's last day, as JSON or as a Markdown document.
//
// Access is the readiness rule: the owner, their direct manager, an admin or a sponsor the
// owner granted, else 404.
// Queries: the readiness statement (which is also the access check), the policy (cached),
// then one evidence read that includes acknowledgements and their authors (Prisma loads
// each relation level with one IN query, so the count does not grow with the entries).
import {
  addWeeks,
  EVIDENCE_KINDS,
  type EvidenceKind,
  KIND_INFO,
  plural,
  statusOf,
  weekStartOf,
  weeksBetween,
} from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import type { PacketDto, PacketQuery } from '@leadtrack/schemas';
import { isCurrent } from '../data/acknowledgements';
import type { Person } from '../data/weekly-aggregates';
import { fromIsoDate, toIsoDate } from '../lib/dates';
import { invalidField } from '../lib/problem';
import type { Caller } from '../plugins/app/authenticate';
import { readPolicy } from './policy';
import { readableHistory, readinessFrom, resolveAsOf } from './readiness';

/** The default period: 26 ISO weeks (six months), the last one holding `to`. */
export const DEFAULT_PACKET_WEEKS = 26;

type PacketEntry = PacketDto['kinds'][number]['entries'][number];
type PacketAck = PacketEntry['acknowledgements'][number];

/** What the packet shows of an acknowledgement or an endorsement. */
const givenSelect = {
  comment: true,
  entryVersion: true,
  createdAt: true,
  by: { select: { id: true, name: true } },
} as const;

function givenDto(
  given: { comment: string | null; entryVersion: number; createdAt: Date; by: PacketAck['by'] },
  entry: { contentVersion: number },
): PacketAck {
  return {
    by: given.by,
    comment: given.comment,
    entryVersion: given.entryVersion,
    current: isCurrent(given, entry),
    createdAt: given.createdAt.toISOString(),
  };
}

/**
 * The period: `to` defaults to the person's today (their time zone at `now`) and may not be
 * later; `from` defaults to 25 Mondays before `to`'s week. `asOf` is `to`.
 */
export function resolvePeriod(
  query: Pick<PacketQuery, 'from' | 'to'>,
  person: Pick<Person, 'timeZone'>,
  now: Date,
) {
  const to = resolveAsOf(query.to, person, now, 'to');
  const from = query.from ?? addWeeks(weekStartOf(to), -(DEFAULT_PACKET_WEEKS - 1));
  if (from > to) throw invalidField('from', `Must not be after to (${to})`);
  return { from, to, asOf: to };
}

export async function buildPacket(
  db: Database,
  caller: Caller,
  ref: string,
  query: Pick<PacketQuery, 'from' | 'to'>,
  now: Date,
): Promise<{ packet: PacketDto; requiredKinds: readonly EvidenceKind[] }> {
  // The access check comes first, so an unreadable user's entries are never read; the
  // period is the owner's (their today), so it is resolved once they are known.
  const [policy, { person: user, history, from, to }] = await Promise.all([
    readPolicy(db.prisma),
    readableHistory(db, caller, ref, (person) => resolvePeriod(query, person, now)),
  ]);
  const evidence = await db.prisma.evidence.findMany({
    where: {
      userId: user.id,
      deletedAt: null,
      occurredOn: { gte: fromIsoDate(from), lte: fromIsoDate(to) },
    },
    orderBy: [{ occurredOn: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      kinds: true,
      title: true,
      occurredOn: true,
      description: true,
      links: true,
      audience: true,
      contentVersion: true,
      acknowledgements: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: givenSelect },
      endorsements: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: givenSelect },
    },
  });

  const { current } = readinessFrom(policy, to, history);
  const byKind = new Map<EvidenceKind, PacketEntry[]>(EVIDENCE_KINDS.map((k) => [k, []]));
  for (const e of evidence) {
    const entry: PacketEntry = {
      id: e.id,
      title: e.title,
      occurredOn: toIsoDate(e.occurredOn),
      description: e.description,
      links: e.links,
      audience: e.audience,
      acknowledgements: e.acknowledgements.map((a) => givenDto(a, e)),
      endorsements: e.endorsements.map((n) => givenDto(n, e)),
    };
    // An entry showing several behaviours belongs under each of them.
    for (const k of new Set(e.kinds)) byKind.get(k)?.push(entry);
  }

  const packet: PacketDto = {
    user: { id: user.id, name: user.name, email: user.email },
    from,
    to,
    readiness: { ...current, status: statusOf(current), thresholdWeeks: policy.thresholdWeeks },
    kinds: EVIDENCE_KINDS.map((kind) => {
      const entries = byKind.get(kind) ?? [];
      return { kind, label: KIND_INFO[kind].label, count: entries.length, entries };
    }),
  };
  return { packet, requiredKinds: policy.requiredKinds };
}

// ---- Markdown ----------------------------------------------------------------------------

/** Inline text safe in Markdown: one line, with the characters that start markup escaped. */
function inline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

const STATUS_WORDS = { building: 'Building', consistent: 'Consistent', ready: 'Ready' } as const;

const AUDIENCE_WORDS = {
  team: 'the team',
  org: 'the organisation',
  stakeholders: 'stakeholders',
} as const;

function readinessLines(packet: PacketDto): string[] {
  const r = packet.readiness;
  const threshold = plural(r.thresholdWeeks, 'week');
  const lines = [`**Status: ${STATUS_WORDS[r.status]}** (as of ${packet.to})`, ''];
  if (r.ready) {
    lines.push(
      `- Consistent for ${plural(r.streak, 'week')} in a row, past the ${threshold} threshold.`,
      `- Ready since the week of ${r.readySince}.`,
    );
  } else if (r.consistent) {
    lines.push(
      `- Consistency streak: ${r.streak} of ${threshold}.`,
      `- Projected ready on ${r.projectedReadyOn}, if every week stays consistent.`,
    );
  } else {
    lines.push(
      `- Consistency streak: 0 of ${threshold}: the week of ${r.weekStart} is not yet consistent.`,
      '- Every required behaviour needs evidence in each window of weeks to start a streak.',
    );
  }
  return lines;
}

// What someone wrote (a description, a comment) is Markdown and renders as Markdown, but
// always inside a block quote: every line of it starts with "> ", so nothing in it can
// end the quote and stand beside the packet's own lines. Within the quote, what could
// pass for the packet's structure is escaped: headings (ATX and setext), thematic
// breaks, raw HTML and images (the dashboard unwraps those too), and emphasis on any line
// that speaks of acknowledging or endorsing, so "**Acknowledged by X**" in a description
// shows its asterisks instead of looking like the packet's line.
const STRUCTURE_LINE = /^( {0,3})(#{1,6}(?=[ \t]|$)|[=-]+[ \t]*$|(?:[-*_][ \t]*){3,}$)/;
const VOUCHING = /acknowledg|endors/i;

function quotedMarkdown(text: string): string[] {
  // CommonMark ends a line at \r too, so every line ending is normalised.
  return text.split(/\r\n|\r|\n/).map((raw) => {
    let line = raw
      .replace(/</g, '\\<')
      .replace(/!\[/g, '!\\[')
      .replace(STRUCTURE_LINE, (_m, indent: string, mark: string) => `${indent}\\${mark}`);
    if (VOUCHING.test(line)) line = line.replace(/(?<!\\)[*_]/g, (c) => `\\${c}`);
    return line.trim() ? `> ${line}` : '>';
  });
}

/** The packet's own line for an acknowledgement or endorsement: bold, never in a quote. */
function givenLines(
  given: PacketAck,
  words: { current: string; earlier: string },
  colleague: boolean,
): string[] {
  const name = inline(given.by.name);
  const role = colleague ? ' (colleague)' : '';
  const day = given.createdAt.slice(0, 10);
  const who = given.current
    ? `**${words.current} ${name}**${role} on ${day}`
    : `**${name} ${words.earlier} an earlier version**${role} on ${day} (the entry changed since)`;
  if (!given.comment?.trim()) return [`${who}.`, ''];
  return [`${who}:`, '', ...quotedMarkdown(given.comment.trim()), ''];
}

function entryLines(entry: PacketEntry, kind: EvidenceKind, kindsOf: Map<string, EvidenceKind[]>) {
  const lines = [`### ${inline(entry.title)}`, ''];
  const facts = [`${entry.occurredOn}`];
  if (entry.audience) facts.push(`for ${AUDIENCE_WORDS[entry.audience]}`);
  const others = (kindsOf.get(entry.id) ?? []).filter((k) => k !== kind);
  if (others.length > 0) {
    facts.push(`also shows ${others.map((k) => KIND_INFO[k].label).join(', ')}`);
  }
  lines.push(`_${facts.join(' · ')}_`, '');
  if (entry.description?.trim()) lines.push(...quotedMarkdown(entry.description.trim()), '');
  if (entry.links.length > 0) {
    for (const link of entry.links)
      lines.push(`- <${link.replace(/[<>\s]/g, encodeURIComponent)}>`);
    lines.push('');
  }
  // Acknowledgements are bold lines outside any quote: a form only the packet writes. One
  // given on an earlier version of the entry says so.
  for (const ack of entry.acknowledgements) {
    lines.push(...givenLines(ack, { current: 'Acknowledged by', earlier: 'acknowledged' }, false));
  }
  // Colleagues' endorsements after, and worded apart from, the manager's acknowledgements (a
  // reader weighs them differently), in the same packet-only form.
  for (const endorsement of entry.endorsements) {
    lines.push(...givenLines(endorsement, { current: 'Endorsed by', earlier: 'endorsed' }, true));
  }
  return lines;
}

const hasCurrent = (given: PacketAck[]) => given.some((g) => g.current);

/** The packet as a human-readable Markdown document: one section per behaviour. */
export function packetMarkdown(packet: PacketDto, requiredKinds: readonly EvidenceKind[]): string {
  const weeks = weeksBetween(packet.from, packet.to) + 1;
  const weeksWord = plural(weeks, 'week');
  const kindsOf = new Map<string, EvidenceKind[]>();
  for (const { kind, entries } of packet.kinds) {
    for (const e of entries) kindsOf.set(e.id, [...(kindsOf.get(e.id) ?? []), kind]);
  }
  const total = kindsOf.size;
  const entries = new Map(packet.kinds.flatMap((k) => k.entries.map((e) => [e.id, e] as const)));
  const all = [...entries.values()];
  const acknowledged = all.filter((e) => hasCurrent(e.acknowledgements)).length;
  const earlierOnly = all.filter(
    (e) => e.acknowledgements.length > 0 && !hasCurrent(e.acknowledgements),
  ).length;
  const endorsed = all.filter((e) => hasCurrent(e.endorsements)).length;
  const earlierWords =
    earlierOnly > 0 ? ` (${earlierOnly} more acknowledged on an earlier version only)` : '';

  const lines = [
    `# Promotion packet: ${inline(packet.user.name)}`,
    '',
    `${inline(packet.user.email)} · evidence from ${packet.from} to ${packet.to} (${weeksWord})`,
    '',
    '## Readiness',
    '',
    ...readinessLines(packet),
    '',
    '## Summary',
    '',
    `${plural(total, 'entry', 'entries')} in ${weeksWord}, ${acknowledged} of ${total} acknowledged by someone else${earlierWords}, ${endorsed} of ${total} endorsed by colleagues.`,
    '',
    '| Behaviour | Entries | Weeks with evidence | Acknowledged |',
    '| --- | --- | --- | --- |',
  ];
  const shown = packet.kinds.filter((k) => k.count > 0 || requiredKinds.includes(k.kind));
  for (const k of shown) {
    const kindWeeks = new Set(k.entries.map((e) => weekStartOf(e.occurredOn))).size;
    const acked = k.entries.filter((e) => hasCurrent(e.acknowledgements)).length;
    const required = requiredKinds.includes(k.kind) ? '' : ' (not required)';
    const ackWords = k.count === 0 ? '–' : `${acked} of ${k.count}`;
    lines.push(
      `| ${k.label}${required} | ${k.count} | ${kindWeeks} of ${weeksWord} | ${ackWords} |`,
    );
  }
  for (const k of shown) {
    const kindWeeks = new Set(k.entries.map((e) => weekStartOf(e.occurredOn))).size;
    lines.push('', `## ${k.label}`, '', `_${KIND_INFO[k.kind].hint}_`, '');
    if (k.count === 0) {
      lines.push('No entries in this period.');
      continue;
    }
    lines.push(`${plural(k.count, 'entry', 'entries')}, in ${kindWeeks} of ${weeksWord}.`, '');
    for (const entry of k.entries) lines.push(...entryLines(entry, k.kind, kindsOf));
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** `packet-<name>-<to>.md`, the name reduced to ASCII letters, digits and dashes. */
export function packetFilename(packet: PacketDto): string {
  const slug = packet.user.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|(?<!-)-+$/g, '');
  return `packet-${slug || 'user'}-${packet.to}.md`;
}
