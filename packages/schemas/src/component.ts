// Naming the objects the API answers with in its OpenAPI document.
import { z } from 'zod';

/**
 * An object the API answers with, named in the OpenAPI document's components by `id` (so
 * clients get one type for it wherever it appears).
 */
export const component = <Shape extends z.ZodRawShape>(id: string, shape: Shape) =>
  z.object(shape).meta({ id });
