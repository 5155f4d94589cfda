// The weekly fit reflection: eight statements answered 1-5, a fit score, private to the
// engineer unless shared with their manager.
import { ANSWER_MAX, ANSWER_MIN, REFLECTION_STATEMENT_IDS } from '@leadtrack/core';
import { z } from 'zod';
import { CalendarDateSchema, IdSchema, InstantSchema, text } from './common';
import { component } from './component';

export const ReflectionStatementSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** Agreeing suits the tech-lead role (true) or the senior-IC path (false). */
  suitsRole: z.boolean(),
});

export const ReflectionStatementListSchema = component('ReflectionStatements', {
  items: z.array(ReflectionStatementSchema),
  /** How to read the statements and the score: no answer is the wrong one. */
  guidance: z.string(),
});

// Worded by messages.ts from the bounds: "… must be a whole number from 1 to 5."
const AnswerSchema = z.int().min(ANSWER_MIN).max(ANSWER_MAX);

/** Every statement answered, and nothing else: an unknown id is refused by name. */
const AnswersSchema = z.strictObject(
  Object.fromEntries(REFLECTION_STATEMENT_IDS.map((id) => [id, AnswerSchema])) as Record<
    string,
    typeof AnswerSchema
  >,
);

export const REFLECTION_LIMITS = Object.freeze({ noteMax: 5_000 });

/** The whole reflection for a week (PUT replaces it: an omitted note clears it). */
export const PutReflectionBodySchema = z.strictObject({
  answers: AnswersSchema.describe('Every statement id answered 1-5'),
  note: text(0, REFLECTION_LIMITS.noteMax).nullish(),
  shared: z.boolean().describe('Shown to your manager when true; private otherwise'),
});
export type PutReflectionBody = z.infer<typeof PutReflectionBodySchema>;

export const ReflectionSchema = component('Reflection', {
  weekStart: CalendarDateSchema,
  answers: z.record(z.string(), z.int()),
  note: z.string().nullable(),
  shared: z.boolean(),
  /** 0-100: how well the answers suit the tech-lead role. */
  fitScore: z.int().min(0).max(100),
  updatedAt: InstantSchema,
});
export type ReflectionDto = z.infer<typeof ReflectionSchema>;

/** Newest week first. */
export const ReflectionListSchema = component('ReflectionList', {
  userId: IdSchema,
  items: z.array(ReflectionSchema),
});
export type ReflectionListDto = z.infer<typeof ReflectionListSchema>;
