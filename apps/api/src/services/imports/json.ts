// Reads Leadtrack's own export (GET /me/export): its entries and check-ins. Entries keep
// their source and are known by their original id, so importing the same export twice
// creates nothing the second time; feedback, reflections and the agreement are other
// people's words or agreements and are not imported. Errors name the line where the item
// starts in the file (found by elementLines), or where the JSON stops being readable.
import { EvidenceSourceSchema, EXPORT_FORMAT } from '@leadtrack/schemas';
import {
  type ImportLineError,
  MAX_ITEMS_PER_FILE,
  type ParsedCheckin,
  type ParsedEntry,
  type ParsedFile,
  stoppedAt,
} from './parsed-file';

const NOT_AN_EXPORT = `This is not a Leadtrack export: it needs "format": "${EXPORT_FORMAT}" and "version": 1 (GET /me/export makes one).`;

/** The line (1-based) of each element of the top-level object's arrays `keys`. */
export function elementLines(text: string, keys: readonly string[]): Map<string, number[]> {
  const found = new Map<string, number[]>(keys.map((key) => [key, []]));
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let lastKey: string | null = null;
  let array: number[] | undefined;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') {
        inString = false;
        if (depth === 1) lastKey = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (array && depth === 2 && expectElement && c !== ']') {
      array.push(line);
      expectElement = false;
    }
    if (c === '"') {
      inString = true;
      stringStart = i;
    } else if (c === '{' || c === '[') {
      if (depth === 1 && c === '[' && lastKey !== null) {
        array = found.get(lastKey);
        expectElement = true;
      }
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 2) array = undefined;
    } else if (c === ',' && depth === 2) {
      expectElement = true;
    }
  }
  return found;
}

/** The line of a JSON.parse error, from the position it names (else the end: the file stops short). */
function syntaxErrorLine(text: string, error: unknown): number {
  const position = /position (\d+)/.exec(String((error as Error).message))?.[1];
  if (position === undefined) return text.split('\n').length;
  return text.slice(0, Number(position)).split('\n').length;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** The deepest an export nests (its entries' links are at depth 4). */
const MAX_DEPTH = 32;
/** Arrays, objects and separators an export of at most MAX_ITEMS_PER_FILE entries stays under. */
const MAX_PARTS = 40 * MAX_ITEMS_PER_FILE;

/**
 * Why `text` cannot be an export, before JSON.parse builds it: nested deeper than an export
 * ever is, or more parts than an export of the most entries a file brings in. One pass,
 * stopping at the first reason (JSON.parse of 2.6 million nested arrays costs seconds).
 */
function tooLarge(text: string): string | null {
  let depth = 0;
  let parts = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      parts++;
      if (depth > MAX_DEPTH) return `it nests deeper than an export does (${MAX_DEPTH} levels)`;
    } else if (c === 125 || c === 93) depth--;
    else if (c === 44) parts++;
    if (parts > MAX_PARTS)
      return `it holds more values than an export of ${MAX_ITEMS_PER_FILE.toLocaleString('en')} entries`;
  }
  return null;
}

export function parseExport(content: string): ParsedFile {
  const errors: ImportLineError[] = [];
  const large = tooLarge(content);
  if (large) {
    return {
      entries: [],
      checkins: [],
      errors: [{ line: 1, message: `This is not a Leadtrack export: ${large}.` }],
      unreadable: large,
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    const line = syntaxErrorLine(content, error);
    return {
      entries: [],
      checkins: [],
      errors: [{ line, message: 'The file is not valid JSON from here on.' }],
      unreadable: `it is not valid JSON from line ${line} on`,
    };
  }
  if (!isObject(data) || data.format !== EXPORT_FORMAT || data.version !== 1) {
    return {
      entries: [],
      checkins: [],
      errors: [{ line: 1, message: NOT_AN_EXPORT }],
      unreadable: 'it is JSON, but not a Leadtrack export',
    };
  }
  const lines = elementLines(content, ['evidence', 'checkins']);
  const entries: ParsedEntry[] = [];
  const checkins: ParsedCheckin[] = [];
  const list = (key: 'evidence' | 'checkins') => {
    const value = data[key] ?? [];
    if (Array.isArray(value)) {
      if (value.length <= MAX_ITEMS_PER_FILE) return value;
      errors.push(stoppedAt(lines.get(key)?.[MAX_ITEMS_PER_FILE] ?? 1, 'items'));
      return value.slice(0, MAX_ITEMS_PER_FILE);
    }
    errors.push({ line: 1, message: `"${key}" must be a list.` });
    return [];
  };

  list('evidence').forEach((item: unknown, index) => {
    const line = lines.get('evidence')?.[index] ?? 1;
    if (!isObject(item)) {
      errors.push({ line, message: `Entry ${index + 1} is not an object.` });
      return;
    }
    const source = EvidenceSourceSchema.safeParse(item.source);
    entries.push({
      line,
      externalId: `entry:${str(item.id) || index}`,
      source: source.success ? source.data : 'import',
      kinds: Array.isArray(item.kinds) ? item.kinds.map(String) : [],
      title: str(item.title),
      description: typeof item.description === 'string' ? item.description : null,
      occurredOn: str(item.occurredOn),
      links: Array.isArray(item.links) ? item.links.map(String) : [],
      audience: typeof item.audience === 'string' ? item.audience : null,
    });
  });
  list('checkins').forEach((item: unknown, index) => {
    const line = lines.get('checkins')?.[index] ?? 1;
    if (!isObject(item)) {
      errors.push({ line, message: `Check-in ${index + 1} is not an object.` });
      return;
    }
    checkins.push({
      line,
      weekStart: str(item.weekStart),
      handsOnPercent: item.handsOnPercent,
      deepWorkBlocks: item.deepWorkBlocks,
      onLeave: item.onLeave,
      note: item.note ?? null,
    });
  });
  return { entries, checkins, errors };
}
