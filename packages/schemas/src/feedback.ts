// Feedback: free text a manager writes for one of their direct reports.
import { z } from 'zod';
import { IdSchema, InstantSchema, text } from './common';
import { component } from './component';

export const FeedbackAuthorSchema = z.object({ id: IdSchema, name: z.string() });

export const FeedbackSchema = component('Feedback', {
  id: IdSchema,
  /** Whom the feedback is for. */
  userId: IdSchema,
  author: FeedbackAuthorSchema,
  body: z.string(),
  createdAt: InstantSchema,
});
export type Feedback = z.infer<typeof FeedbackSchema>;

/** The longest feedback may be (the dashboard counts toward it). */
export const FEEDBACK_LIMITS = Object.freeze({ bodyMax: 5_000 });

export const CreateFeedbackBodySchema = z.strictObject({
  body: text(1, FEEDBACK_LIMITS.bodyMax),
});
export type CreateFeedbackBody = z.infer<typeof CreateFeedbackBodySchema>;

/** Newest first. */
export const FeedbackListSchema = z.object({ items: z.array(FeedbackSchema) });
export type FeedbackList = z.infer<typeof FeedbackListSchema>;
