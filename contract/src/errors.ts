import { z } from 'zod';
import { ERROR_CODES } from './error-codes.js';

export const ErrorDetail = z.object({
  /** The field, dotted (`interests.2`), or `(body)` for the body as a whole. */
  path: z.string(),
  message: z.string(),
});

/** The one error shape of every failed response, and of the SSE `error` event. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.array(ErrorDetail).optional(),
  }),
});

export type ErrorDetail = z.infer<typeof ErrorDetail>;
export type ErrorBody = z.infer<typeof ErrorBody>;
