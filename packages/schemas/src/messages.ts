// The one place that words validation errors: every zod issue becomes a plain sentence that
// names the field in words and states the rule ("Title is required.", "Link 2 must be an
// http or https URL."). It is zod's global error map, so the API's problem `errors` and the
// dashboard's forms, which parse with these same schemas, say the same thing. Paths stay
// machine-readable (`links.1`); only the message is for people.
import { z } from 'zod';

interface Label {
  /** The field in words, capitalised: "Hands-on share". */
  label: string;
  /** For lists: one element, numbered from 1 in messages ("Link 2" for `links.1`). */
  item?: string;
  /** For lists: the elements in a sentence ("Choose between 1 and 3 behaviours."). */
  noun?: string;
}

/**
 * Field names as the dashboard shows them, where the key spelled out from camelCase would
 * not say it (`title` is "Title", `timeZone` "Time zone", `links.1` "Link 2" by themselves).
 */
const LABELS: Record<string, Label> = {
  occurredOn: { label: 'Date' },
  kinds: { label: 'Behaviours', item: 'Behaviour', noun: 'behaviours' },
  handsOnPercent: { label: 'Hands-on share' },
  deepWorkBlocks: { label: 'Deep-work blocks' },
  weekStart: { label: 'Week' },
  managerId: { label: 'Manager' },
  userId: { label: 'User' },
  baseUrl: { label: 'API address' },
  url: { label: 'Address' },
  expiresInDays: { label: 'Expiry in days' },
  requiredKinds: { label: 'Required behaviours', item: 'Required behaviour', noun: 'behaviours' },
  'idempotency-key': { label: 'The Idempotency-Key header' },
  'if-match': { label: 'The If-Match header' },
};

/** Objects keyed by ids (not field names): their entries are named by the id as sent. */
const KEYED: Record<string, string> = { answers: 'The answer to' };

function labelOfKey(key: string): Label {
  const known = LABELS[key];
  if (known) return known;
  // deepWorkBlocks → "Deep work blocks", some_key → "Some key".
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return { label: words.charAt(0).toUpperCase() + words.slice(1) };
}

/**
 * A path in words: `title` → "Title", `links.1` → "Link 2", `answers.q3` → "Q3";
 * deeper paths name the element and the field ("Item 2 area").
 */
export function fieldLabel(path: readonly PropertyKey[]): string {
  let words = '';
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (typeof key === 'number') continue;
    const parent = path[i - 1];
    const keyed = typeof parent === 'string' ? KEYED[parent] : undefined;
    const label = keyed ? { label: `${keyed} "${String(key)}"` } : labelOfKey(String(key));
    const next = path[i + 1];
    // An unnamed list's element is its label without a plural s: `tags.1` → "Tag 2".
    const item = label.item ?? label.label.replace(/s$/, '');
    const part = typeof next === 'number' ? `${item} ${next + 1}` : label.label;
    // The innermost field names it; an enclosing list element says which one.
    words = words && typeof path[i - 1] === 'number' ? `${words} ${part.toLowerCase()}` : part;
  }
  return words || 'The input';
}

/** What a list's elements are called in a sentence ("links"). */
function nounOf(path: readonly PropertyKey[]): string {
  const last = [...path].reverse().find((key) => typeof key === 'string');
  if (last === undefined) return 'items';
  const label = labelOfKey(String(last));
  return label.noun ?? label.label.toLowerCase();
}

/** "Title must be at most 200 characters.": the label, then the rule. */
export function sentence(path: readonly PropertyKey[], rule: string): string {
  return `${fieldLabel(path)} ${rule}.`;
}

/**
 * For a schema's own refinements (`refine(fn, rule(…))`, `ctx.addIssue({ code: 'custom',
 * ...rule(…) })`): states the rule only, since the label depends on where the schema is
 * used (`plainString()` in a title says "Title must not…", in a link "Link 2 must not…").
 * A rule starting with a capital is a whole sentence already and is sent as it is.
 */
export const rule = (text: string) => ({ params: { rule: text } });

/** The wording for a key the schema does not know (the problem handler splits the issue). */
export function unknownFieldMessage(path: string): string {
  return `The field "${path}" is not part of this request: leave it out.`;
}

interface Bounds {
  minimum?: number;
  maximum?: number;
  whole?: boolean;
}

interface SchemaLike {
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  _zod?: { def?: { checks?: { _zod: { def: Record<string, unknown> } }[] } };
}

/** The limits the schema that raised the issue declares (zod stamps it on the issue). */
function boundsOf(issue: z.core.$ZodRawIssue): Bounds {
  const schema = (issue as { schema?: SchemaLike }).schema;
  if (!schema) return {};
  const bounds: Bounds = {};
  if (typeof schema.minValue === 'number') bounds.minimum = schema.minValue;
  if (typeof schema.maxValue === 'number') bounds.maximum = schema.maxValue;
  if (schema.isInt) bounds.whole = true;
  for (const check of schema._zod?.def?.checks ?? []) {
    const def = check._zod.def;
    if (def.check === 'min_length' && typeof def.minimum === 'number') bounds.minimum = def.minimum;
    if (def.check === 'max_length' && typeof def.maximum === 'number') bounds.maximum = def.maximum;
  }
  return bounds;
}

const SAFE = 9007199254740991;

/** "a whole number from 0 to 100", from what the schema declares. */
function numberKind(issue: z.core.$ZodRawIssue, fallback: Bounds): string {
  const bounds = { ...fallback, ...boundsOf(issue) };
  const whole = bounds.whole || (issue as { expected?: string }).expected === 'int';
  const kind = whole ? 'a whole number' : 'a number';
  const min =
    bounds.minimum !== undefined && Math.abs(bounds.minimum) < SAFE ? bounds.minimum : undefined;
  const max =
    bounds.maximum !== undefined && Math.abs(bounds.maximum) < SAFE ? bounds.maximum : undefined;
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind} of at least ${min}`;
  if (max !== undefined) return `${kind} of at most ${max}`;
  return kind;
}

const numberRule = (issue: z.core.$ZodRawIssue, fallback: Bounds) =>
  `must be ${numberKind(issue, fallback)}`;

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
  null: 'null',
};

function characters(n: number): string {
  return n === 1 ? '1 character' : `${n} characters`;
}

/** The rule after the label, or `{ whole }` for a sentence of its own. */
function ruleFor(issue: z.core.$ZodRawIssue): string | { whole: string } {
  const path = issue.path ?? [];
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined || issue.input === null) {
        const { minimum, maximum } = boundsOf(issue);
        if (issue.expected === 'array' && minimum && maximum !== undefined) {
          return { whole: `Choose between ${minimum} and ${maximum} ${nounOf(path)}.` };
        }
        // A missing number says what to send: "… is required (a whole number from 1 to 5)."
        if (issue.expected === 'number' || issue.expected === 'int') {
          return `is required (${numberKind(issue, {})})`;
        }
        return 'is required';
      }
      if (issue.expected === 'number' || issue.expected === 'int') return numberRule(issue, {});
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? issue.minimum : issue.maximum);
      const bounds = boundsOf(issue);
      if (issue.origin === 'string') {
        if (small && limit <= 1) return 'is required';
        if (small) return `must be at least ${characters(limit)}`;
        return `must be at most ${characters(limit)}`;
      }
      if (issue.origin === 'number' || issue.origin === 'int') {
        return numberRule(issue, small ? { minimum: limit } : { maximum: limit });
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        // A list's messages address the person ("Choose…") rather than the field.
        const noun = nounOf(path);
        const min = small ? limit : bounds.minimum;
        const max = small ? bounds.maximum : limit;
        if (min !== undefined && min > 0 && max !== undefined) {
          return { whole: `Choose between ${min} and ${max} ${noun}.` };
        }
        return { whole: small ? `Add at least ${min} ${noun}.` : `Add at most ${max} ${noun}.` };
      }
      return small ? `must be at least ${limit}` : `must be at most ${limit}`;
    }
    case 'invalid_format': {
      if (issue.format === 'url') return 'must be a URL';
      if (issue.format === 'email') return 'must be an email address';
      if (issue.format === 'regex') return 'is not in the expected form';
      return `must be a valid ${issue.format}`;
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v));
      if (values.length === 1) return `must be ${values[0]}`;
      return `must be one of: ${values.join(', ')}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `holds fields this request does not accept (${issue.keys.join(', ')})`;
    case 'invalid_key':
    case 'invalid_element':
      return 'holds an invalid entry';
    case 'custom': {
      const text = (issue.params as { rule?: unknown } | undefined)?.rule;
      if (typeof text !== 'string') return 'is not valid';
      return /^[A-Z]/.test(text) ? { whole: text } : text;
    }
    default:
      return 'is not valid';
  }
}

/** zod's error map for every schema without a message of its own. */
export function describeIssue(issue: z.core.$ZodRawIssue): string {
  const text = ruleFor(issue);
  return typeof text === 'string' ? sentence(issue.path ?? [], text) : text.whole;
}

z.config({ customError: describeIssue });
