import type { z } from 'zod';
import type { ErrorDetail } from '@textbook-assistant/contract';
import { AppError } from './errors.js';

/** Parses input with a zod schema or throws one validation error listing every bad field. */
export function parseBody<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const hostile = hostileText(input, []);
  const result = schema.safeParse(input);
  if (result.success && hostile.length === 0) return result.data;
  const issues = result.success ? [] : result.error.issues;
  const details: ErrorDetail[] = [
    ...hostile,
    ...issues.map((issue) => ({
      path: issue.path.length ? issue.path.map(String).join('.') : '(body)',
      message: issue.message,
    })),
  ];
  throw new AppError('VALIDATION_ERROR', 'The request has invalid or missing fields.', { details });
}

/**
 * C0 controls other than tab, newline and carriage return, DEL, and UTF-16 surrogates without
 * their pair. PostgreSQL's jsonb and text refuse NUL, and none of these is anything a reader types.
 */
const HOSTILE_TEXT =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Every string anywhere in the input (keys too) is checked here, whatever the schema: a new text
 * field is covered without being listed.
 */
function hostileText(value: unknown, path: string[]): ErrorDetail[] {
  const at = () => (path.length ? path.join('.') : '(body)');
  if (typeof value === 'string') {
    return HOSTILE_TEXT.test(value)
      ? [{ path: at(), message: 'must not contain control characters or unpaired surrogates' }]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => hostileText(v, [...path, String(i)]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => [
      ...hostileText(key, path),
      ...hostileText(v, [...path, key]),
    ]);
  }
  return [];
}
