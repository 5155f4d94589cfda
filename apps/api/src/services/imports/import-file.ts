// POST /imports: a file (Markdown brag document, CSV, Leadtrack's JSON export, iCalendar)
// into the caller's own account. Nothing to authorise beyond authentication: everything lands
// in the caller's inbox or timeline, never anyone else's.
//
// Each item is judged with the API's own schemas (a create's rules; a suggestion may lack
// kinds), and every item that fails is reported by line; the others are imported. Items
// are keyed like suggestions (source and external id: the date and title of a line, the
// original id of an exported entry, the calendar's UID), so importing a file again offers
// and creates nothing twice, in either mode:
// - `suggest` offers them to the inbox (offerSuggestions, one statement);
// - `create` makes the entries at once through the one insert path (insertEntries) and records
//   each as an accepted suggestion pointing at its entry, in one transaction; a leave or
//   focus week from a calendar stays a suggestion (it merges into a check-in the person
//   fills in), and an export's check-ins are created unless that week already has one.
import { localDateIn } from '@leadtrack/core';
import type { Database, Prisma } from '@leadtrack/db';
import {
  CreateEvidenceBodySchema,
  EvidenceKindSchema,
  type EvidenceSource,
  IMPORT_EXTENSIONS,
  IMPORT_FORMAT_EXPECTS,
  IMPORT_FORMATS,
  type ImportBody,
  type ImportFormat,
  type ImportResult,
  importFormatOf,
  PutCheckinBodySchema,
  WeekStartSchema,
} from '@leadtrack/schemas';
import { z } from 'zod';
import { dataChanged } from '../../freshness';
import { fromIsoDate } from '../../lib/dates';
import { invalidField } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { insertEntries, sqlOf } from '../evidence/insert-entries';
import {
  insertSuggestions,
  offerSuggestions,
  type SqlRun,
  type SuggestionDraft,
} from '../suggestions/offer-suggestions';
import { parseInWorker } from './parse-pool';
import type { ImportLineError, ParsedCheckin, ParsedEntry } from './parsed-file';

/** A suggestion's fields: a create's, except that the kinds may be left to the person. */
const SuggestedEntrySchema = CreateEvidenceBodySchema.extend({
  kinds: z.array(EvidenceKindSchema).max(3),
});
const ImportedCheckinSchema = PutCheckinBodySchema.extend({ weekStart: WeekStartSchema });

/** Items judged between two turns of the event loop. */
const JUDGED_PER_SLICE = 250;

/** An entry ready to store, with the suggestion that keys it. */
type Valid = { entry: z.infer<typeof CreateEvidenceBodySchema>; draft: SuggestionDraft };

/** Where the file's items are keyed: `calendar` for .ics, `import` for the other files. */
const FILE_SOURCE = 'import';

/**
 * The items `schema` accepts, each with what it made of the item's fields; every issue of
 * the others becomes an error on the item's line.
 */
async function judge<Item extends { line: number }, Schema extends z.ZodType>(
  items: Item[],
  schema: Schema,
  fieldsOf: (item: Item) => unknown,
  errors: ImportLineError[],
): Promise<{ item: Item; data: z.output<Schema> }[]> {
  const valid: { item: Item; data: z.output<Schema> }[] = [];
  for (const [index, item] of items.entries()) {
    // 10,000 items judged at once would hold the event loop: other requests go between slices.
    if (index > 0 && index % JUDGED_PER_SLICE === 0) await new Promise(setImmediate);
    const result = schema.safeParse(fieldsOf(item));
    if (result.success) valid.push({ item, data: result.data });
    else errors.push(...result.error.issues.map(({ message }) => ({ line: item.line, message })));
  }
  return valid;
}

/** The file's items as drafts (and, for `create`, entries), its bad items as errors. */
async function judgeEntries(
  parsed: ParsedEntry[],
  mode: ImportBody['mode'],
  errors: ImportLineError[],
): Promise<Valid[]> {
  const schema = mode === 'create' ? CreateEvidenceBodySchema : SuggestedEntrySchema;
  const fieldsOf = (item: ParsedEntry) => ({
    kinds: item.kinds,
    title: item.title,
    description: item.description,
    occurredOn: item.occurredOn,
    links: item.links,
    audience: item.audience ?? null,
  });
  return (await judge(parsed, schema, fieldsOf, errors)).map(({ item, data }) => {
    const entry = data as z.infer<typeof CreateEvidenceBodySchema>;
    const links = entry.links ?? [];
    return {
      entry,
      draft: {
        type: 'evidence',
        source: item.offerSource ?? FILE_SOURCE,
        externalId: item.externalId,
        url: links[0] ?? null,
        title: entry.title,
        description: entry.description ?? null,
        occurredOn: entry.occurredOn,
        suggestedKinds: entry.kinds,
        details: {
          ...(links.length > 1 && { links }),
          ...(item.source && { source: item.source }),
          ...(entry.audience && { audience: entry.audience }),
        },
      },
    };
  });
}

async function judgeCheckins(parsed: ParsedCheckin[], errors: ImportLineError[]) {
  // A check-in's fields are the parsed item's but its line.
  const fieldsOf = ({ line: _, ...fields }: ParsedCheckin) => fields;
  return (await judge(parsed, ImportedCheckinSchema, fieldsOf, errors)).map(({ data }) => data);
}

/** The format the body names, else the one its filename's extension says. */
function formatOf(body: ImportBody): ImportFormat {
  const format = body.format ?? importFormatOf(body.filename);
  if (format) return format;
  const known = Object.keys(IMPORT_EXTENSIONS).join(', ');
  if (body.filename)
    throw invalidField(
      'filename',
      `the extension of "${body.filename}" does not say the format (${known}): choose the format`,
    );
  throw invalidField(
    'format',
    `choose it (${IMPORT_FORMATS.join(', ')}), or send the file's name with its extension (${known})`,
  );
}

/** A non-empty file in which nothing of its format's shape was found. */
export class NothingRead extends Error {
  constructor(
    readonly format: ImportFormat,
    readonly reason: string,
  ) {
    super(
      `nothing could be read from this file as ${FORMAT_NAMES[format]}: ${reason}; ${IMPORT_FORMAT_EXPECTS[format]}.`,
    );
    this.name = 'NothingRead';
  }
}

const FORMAT_NAMES: Record<ImportFormat, string> = {
  markdown: 'Markdown',
  csv: 'CSV',
  json: 'a Leadtrack export',
  ics: 'a calendar',
};

/** The most line errors one answer lists; the rest are counted in a last one. */
export const MAX_LISTED_ERRORS = 1_000;

function listed(errors: ImportLineError[]): ImportLineError[] {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  if (sorted.length <= MAX_LISTED_ERRORS) return sorted;
  const rest = sorted.length - MAX_LISTED_ERRORS + 1;
  return [
    ...sorted.slice(0, MAX_LISTED_ERRORS - 1),
    {
      line: sorted[MAX_LISTED_ERRORS - 1]?.line ?? 1,
      message: `This line and ${(rest - 1).toLocaleString('en')} more could not be imported either (only the first ${MAX_LISTED_ERRORS.toLocaleString('en')} problems are listed).`,
    },
  ];
}

export async function importFile(
  db: Database,
  caller: Caller,
  body: ImportBody,
): Promise<ImportResult> {
  // Reported first: freshness watches it only when the command succeeds.
  dataChanged(caller.id);
  const format = formatOf(body);
  const parsed = await parseInWorker({
    format,
    content: body.content,
    timeZone: caller.timeZone,
    email: caller.email,
    today: localDateIn(caller.timeZone, new Date()),
  });
  if (parsed.unreadable && body.content.replace(/^\uFEFF/, '').trim() !== '')
    throw new NothingRead(format, parsed.unreadable);
  const found = [...parsed.errors];
  const entries = await judgeEntries(parsed.entries, body.mode, found);
  const checkins = await judgeCheckins(parsed.checkins, found);
  const errors = listed(found);

  if (body.mode === 'suggest') {
    const drafts = [
      ...entries.map((valid) => valid.draft),
      ...checkins.map((checkin) => checkinDraft(checkin)),
      ...parsed.drafts,
    ];
    const offered = await offerSuggestions(db, caller.id, drafts);
    return { ...offered, created: 0, errors };
  }

  const weeks = await offerSuggestions(db, caller.id, parsed.drafts);
  const made = await db.prisma.$transaction(
    async (tx) => {
      const run: SqlRun = (text, values) => tx.$queryRawUnsafe(text, ...values);
      const fresh = await insertSuggestions(
        run,
        caller.id,
        entries.map((valid) => valid.draft),
        'accepted',
      );
      const created = await createEntries(tx, run, caller.id, entries, fresh);
      const stored = checkins.length
        ? await tx.checkin.createMany({
            data: checkins.map(({ weekStart, ...checkin }) => ({
              ...checkin,
              note: checkin.note ?? null,
              weekStart: fromIsoDate(weekStart),
              userId: caller.id,
            })),
            skipDuplicates: true,
          })
        : { count: 0 };
      return {
        created: created + stored.count,
        skipped: entries.length - created + checkins.length - stored.count,
      };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return {
    suggested: weeks.suggested,
    created: made.created,
    skipped: made.skipped + weeks.skipped,
    errors,
  };
}

/** A check-in of an export, offered as a check-in suggestion (suggest mode). */
function checkinDraft(checkin: z.infer<typeof ImportedCheckinSchema>): SuggestionDraft {
  return {
    type: 'checkin',
    source: FILE_SOURCE,
    externalId: `checkin:${checkin.weekStart}`,
    title: `Check-in for the week of ${checkin.weekStart}`,
    description: checkin.note ?? null,
    occurredOn: checkin.weekStart,
    suggestedKinds: [],
    checkin: { ...checkin, note: checkin.note ?? null },
  };
}

/**
 * The entries of the items just recorded as accepted suggestions (`fresh`: the rest were
 * imported before), one insert per source, then each suggestion pointed at its entry.
 */
async function createEntries(
  tx: Prisma.TransactionClient,
  run: SqlRun,
  userId: string,
  valid: Valid[],
  fresh: { id: string; source: string; externalId: string }[],
): Promise<number> {
  const byKey = new Map(
    valid.map((item) => [`${item.draft.source}\n${item.draft.externalId}`, item]),
  );
  const groups = new Map<EvidenceSource, { suggestionId: string; entry: Valid['entry'] }[]>();
  for (const row of fresh) {
    const item = byKey.get(`${row.source}\n${row.externalId}`);
    if (!item) continue;
    const source = (item.draft.details as { source?: EvidenceSource }).source ?? 'import';
    const group = groups.get(source) ?? [];
    group.push({ suggestionId: row.id, entry: item.entry });
    groups.set(source, group);
  }
  const suggestionIds: string[] = [];
  const entryIds: string[] = [];
  for (const [source, group] of groups) {
    const created = await insertEntries(
      sqlOf(tx),
      userId,
      group.map((item) => item.entry),
      source,
    );
    created?.forEach((entry, index) => {
      suggestionIds.push(group[index]?.suggestionId as string);
      entryIds.push(entry.id);
    });
  }
  if (entryIds.length > 0) {
    await run(
      `UPDATE suggestions s SET evidence_id = v.evidence_id
         FROM unnest($1::text[], $2::text[]) AS v(id, evidence_id) WHERE s.id = v.id`,
      [suggestionIds, entryIds],
    );
  }
  return entryIds.length;
}
