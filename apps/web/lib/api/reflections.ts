// The weekly fit reflection (API.md "Reflections"); a person's list is in users.ts.
import 'server-only';
import type {
  PutReflectionBody,
  ReflectionDto,
  ReflectionStatementListSchema,
} from '@leadtrack/schemas';
import type { z } from 'zod';
import { api, type Call, type Sent } from './transport';

export type ReflectionStatements = z.infer<typeof ReflectionStatementListSchema>;

/** GET /reflection-statements: the statements and the guidance above them. */
export const statements = (): Call<ReflectionStatements> => api('/reflection-statements');

/** PUT /reflections/{weekStart}: the week's answers (again the same week replaces them). */
export const put = (weekStart: string, body: Sent<PutReflectionBody>): Call<ReflectionDto> =>
  api(`/reflections/${encodeURIComponent(weekStart)}`, { method: 'PUT', body });
