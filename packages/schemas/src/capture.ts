// Capture: the suggestions inbox, file imports, the batch create and the account export.
import { z } from 'zod';
import { AgreementSchema } from './agreement';
import { MeSchema } from './auth';
import { CHECKIN_LIMITS, CheckinSchema } from './checkins';
import {
  CalendarDateSchema,
  cursorPaging,
  EvidenceKindSchema,
  IdSchema,
  InstantSchema,
  PastDateSchema,
  pageLimit,
  pageOf,
  plainString,
  text,
} from './common';
import { component } from './component';
import {
  CreateEvidenceBodySchema,
  EVIDENCE_LIMITS,
  EvidenceKindsSchema,
  EvidenceSchema,
} from './evidence';
import { FeedbackSchema } from './feedback';
import { ReflectionSchema } from './reflections';

export const SuggestionTypeSchema = z.enum(['evidence', 'checkin']);
export const SuggestionStatusSchema = z.enum(['open', 'accepted', 'dismissed']);
export type SuggestionStatus = z.infer<typeof SuggestionStatusSchema>;

export const SuggestionCheckinSchema = z.object({
  /** The Monday of the week whose check-in it merges into. */
  weekStart: CalendarDateSchema,
  deepWorkBlocks: z.int().nullable(),
  onLeave: z.boolean().nullable(),
});

export const SuggestionSchema = component('Suggestion', {
  id: IdSchema,
  type: SuggestionTypeSchema,
  /** A source's id (SOURCES) or `import`: the accepted entry's source. */
  source: z.string(),
  externalId: z.string(),
  url: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  occurredOn: CalendarDateSchema,
  suggestedKinds: z.array(EvidenceKindSchema),
  checkin: SuggestionCheckinSchema.nullable(),
  /** What the source shows with it (a review week's pull requests, repositories, authors). */
  details: z.unknown(),
  status: SuggestionStatusSchema,
  createdAt: InstantSchema,
  decidedAt: InstantSchema.nullable(),
  /** The entry an accepted evidence suggestion became (null when deleted since). */
  evidenceId: IdSchema.nullable(),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

export const ListSuggestionsQuerySchema = z.strictObject({
  status: SuggestionStatusSchema.default('open').describe('Which suggestions (default open)'),
  source: plainString()
    .min(1)
    .max(64)
    .optional()
    .describe('Only this source (a source’s id, or `import`)'),
  ...cursorPaging(
    pageLimit(EVIDENCE_LIMITS.listLimitMax, EVIDENCE_LIMITS.listLimitDefault).describe(
      'Suggestions per page',
    ),
  ),
});
export type ListSuggestionsQuery = z.infer<typeof ListSuggestionsQuerySchema>;

export const SuggestionListSchema = pageOf(SuggestionSchema, {
  /** Suggestions with this status and source, across all pages. */
  total: z.number().int().describe('How many suggestions match status and source'),
}).meta({ id: 'SuggestionList' });
export type SuggestionList = z.infer<typeof SuggestionListSchema>;

export const SuggestionParamsSchema = z.strictObject({ id: IdSchema });

/**
 * Accepting: the evidence fields override the suggestion's (the result obeys every rule of a
 * create); the check-in fields apply to a check-in suggestion, where `handsOnPercent` is
 * needed only when that week has no check-in yet (and is not a leave week).
 */
export const AcceptSuggestionBodySchema = z.strictObject({
  kinds: EvidenceKindsSchema.optional(),
  title: CreateEvidenceBodySchema.shape.title.optional(),
  description: CreateEvidenceBodySchema.shape.description,
  occurredOn: PastDateSchema.optional(),
  handsOnPercent: z.int().min(0).max(CHECKIN_LIMITS.handsOnPercentMax).optional(),
  deepWorkBlocks: z.int().min(0).max(CHECKIN_LIMITS.deepWorkBlocksMax).optional(),
  onLeave: z.boolean().optional(),
});
export type AcceptSuggestionBody = z.infer<typeof AcceptSuggestionBodySchema>;

export const BATCH_LIMIT = 500;

export const EvidenceBatchBodySchema = z.strictObject({
  items: z.array(CreateEvidenceBodySchema).min(1).max(BATCH_LIMIT),
});
export type EvidenceBatchBody = z.infer<typeof EvidenceBatchBodySchema>;

export const EvidenceBatchSchema = component('EvidenceBatch', { items: z.array(EvidenceSchema) });

export const IMPORT_FORMATS = ['markdown', 'csv', 'json', 'ics'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** The extensions that name a format, for a file sent without one. */
export const IMPORT_EXTENSIONS: Record<string, ImportFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.csv': 'csv',
  '.json': 'json',
  '.ics': 'ics',
};

/** The format a file's name says (its extension, in any case), or null. */
export function importFormatOf(filename: string | null | undefined): ImportFormat | null {
  const dot = filename?.lastIndexOf('.') ?? -1;
  if (!filename || dot < 0) return null;
  return IMPORT_EXTENSIONS[filename.slice(dot).toLowerCase()] ?? null;
}

/** What each format expects, in a sentence: said when nothing could be read from a file. */
export const IMPORT_FORMAT_EXPECTS: Record<ImportFormat, string> = {
  markdown:
    'a Markdown brag document has bullets under dated headings (## 2026-11-02) or dated bullets (- 2026-11-02: …)',
  csv: 'a CSV file starts with a header row naming at least the date and title columns, then one row per entry',
  json: 'a Leadtrack export is the JSON file Settings → Your data downloads ("format": "leadtrack-export")',
  ics: 'a calendar (.ics) file starts with BEGIN:VCALENDAR and holds events (VEVENT)',
};

export const ImportBodySchema = z.strictObject({
  format: z
    .enum(IMPORT_FORMATS)
    .optional()
    .describe(
      "markdown, csv, json (a Leadtrack export) or ics; without it, the filename's extension says (.md or .markdown, .csv, .json, .ics)",
    ),
  filename: text(1, 255)
    .optional()
    .describe('The name of the file, whose extension gives the format when format is not sent'),
  content: plainString().max(IMPORT_MAX_BYTES).describe('The file, as text (UTF-8)'),
  mode: z
    .enum(['suggest', 'create'])
    .default('suggest')
    .describe('suggest: to the inbox; create: entries (and check-ins) at once'),
});
export type ImportBody = z.infer<typeof ImportBodySchema>;

export const ImportErrorSchema = z.object({
  /** 1-based line of the file the message is about. */
  line: z.int(),
  message: z.string(),
});
export type ImportError = z.infer<typeof ImportErrorSchema>;

export const ImportResultSchema = component('ImportResult', {
  suggested: z.int().describe('New suggestions in the inbox'),
  created: z.int().describe('Entries and check-ins created (mode create)'),
  skipped: z.int().describe('Items imported before (never offered or created twice)'),
  errors: z.array(ImportErrorSchema).describe('Lines not imported, and why'),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const EXPORT_FORMAT = 'leadtrack-export';

export const AccountExportSchema = component('AccountExport', {
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: InstantSchema,
  user: MeSchema,
  /** Live entries, oldest first (deleted ones are not exported). */
  evidence: z.array(EvidenceSchema),
  checkins: z.array(CheckinSchema),
  feedback: z.array(FeedbackSchema),
  reflections: z.array(ReflectionSchema),
  agreement: AgreementSchema.nullable(),
});
export type AccountExport = z.infer<typeof AccountExportSchema>;
