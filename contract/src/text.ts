import { z } from 'zod';

/** C0 controls other than tab, line feed and carriage return, and DEL: no reader types them. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * A trimmed text field of 1..max characters (0..max with `min: 0`) that refuses control
 * characters: every free-text field of every body is one of these.
 */
export function text(max: number, options: { min?: number; empty?: string } = {}) {
  const min = options.min ?? 1;
  return z
    .string()
    .trim()
    .min(min, options.empty ?? 'cannot be empty')
    .max(max, `at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'control characters are not allowed');
}
