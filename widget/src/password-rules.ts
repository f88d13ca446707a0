/** The password rule of DESIGN.md, one check per line so the form can show each live. */
export interface PasswordRule {
  label: string;
  test(password: string): boolean;
}

export const MAX_PASSWORD_BYTES = 72;

export const PASSWORD_RULES: readonly PasswordRule[] = [
  { label: 'At least 8 characters', test: (p) => p.length >= 8 },
  { label: 'An uppercase letter', test: (p) => /[A-Z]/.test(p) },
  { label: 'A lowercase letter', test: (p) => /[a-z]/.test(p) },
  { label: 'A digit', test: (p) => /\d/.test(p) },
  { label: 'One of @ $ ! % * ? &', test: (p) => /[@$!%*?&]/.test(p) },
  {
    label: `At most ${MAX_PASSWORD_BYTES} bytes`,
    test: (p) => new TextEncoder().encode(p).length <= MAX_PASSWORD_BYTES,
  },
];

export function passwordProblems(password: string): string[] {
  return PASSWORD_RULES.filter((rule) => !rule.test(password)).map((rule) => rule.label);
}
