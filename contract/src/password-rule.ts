/**
 * The password rule (DESIGN.md): at least 8 characters with an uppercase and a lowercase letter,
 * a digit and one special character (anything that is neither a letter nor a digit, so the seed
 * plan's `@$!%*?&` and every other symbol or space count), at most 72 bytes of UTF-8: bcrypt
 * ignores whatever follows, so a longer one is refused, never silently truncated.
 * One check per line, so a form can show each live; the BFF turns the same list into its schema.
 */
export interface PasswordCheck {
  /** Stable name, e.g. for a test or a translation key. */
  id: 'length' | 'uppercase' | 'lowercase' | 'digit' | 'special' | 'bytes';
  /** What a form shows beside the field. */
  label: string;
  /** What a validation error says when the check fails. */
  problem: string;
  test(password: string): boolean;
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_BYTES = 72;

/** UTF-8 length without TextEncoder or Buffer, so it runs the same in Node and in a browser. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export const PASSWORD_CHECKS: readonly PasswordCheck[] = [
  {
    id: 'length',
    label: `At least ${PASSWORD_MIN_LENGTH} characters`,
    problem: `at least ${PASSWORD_MIN_LENGTH} characters`,
    test: (p) => [...p].length >= PASSWORD_MIN_LENGTH,
  },
  {
    id: 'uppercase',
    label: 'An uppercase letter',
    problem: 'needs an uppercase letter',
    test: (p) => /\p{Lu}/u.test(p),
  },
  {
    id: 'lowercase',
    label: 'A lowercase letter',
    problem: 'needs a lowercase letter',
    test: (p) => /\p{Ll}/u.test(p),
  },
  { id: 'digit', label: 'A digit', problem: 'needs a digit', test: (p) => /\p{Nd}/u.test(p) },
  {
    id: 'special',
    label: 'A special character (not a letter or digit)',
    problem: 'needs a special character (anything but a letter or a digit)',
    test: (p) => /[^\p{L}\p{N}]/u.test(p),
  },
  {
    id: 'bytes',
    label: `At most ${PASSWORD_MAX_BYTES} bytes`,
    problem: `at most ${PASSWORD_MAX_BYTES} bytes`,
    test: (p) => utf8Length(p) <= PASSWORD_MAX_BYTES,
  },
];

/** The labels of the checks a password fails, in order; empty when it is acceptable. */
export function passwordProblems(password: string): string[] {
  return PASSWORD_CHECKS.filter((check) => !check.test(password)).map((check) => check.label);
}
