import type { z } from 'zod';
import { AppError, type ErrorDetail } from './errors.js';

/** Parses input with a zod schema or throws one validation error listing every bad field. */
export function parseBody<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: ErrorDetail[] = result.error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(body)',
    message: issue.message,
  }));
  throw new AppError('VALIDATION_ERROR', 'The request has invalid or missing fields.', { details });
}
