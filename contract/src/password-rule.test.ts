import { describe, expect, it } from 'vitest';
import { NewPassword } from './auth.js';
import { PASSWORD_MAX_BYTES, passwordProblems, utf8Length } from './password-rule.js';

describe('the password rule', () => {
  it.each(['Robots4ever!', 'Robots4ever@', 'Robots4ever#', 'Robots4ever-', 'Robots4 ever', 'Robots4ever€'])(
    'when %j has every kind of character, then the form and the BFF both accept it',
    (password) => {
      expect(passwordProblems(password)).toEqual([]);
      expect(NewPassword.safeParse(password).success).toBe(true);
    },
  );

  it('when a check fails, then the form lists its label and the BFF one message per failed check', () => {
    expect(passwordProblems('robots4ever')).toEqual([
      'An uppercase letter',
      'A special character (not a letter or digit)',
    ]);
    const result = NewPassword.safeParse('robots4ever');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'needs an uppercase letter',
      'needs a special character (anything but a letter or a digit)',
    ]);
  });

  it('when letters are not ASCII, then they count as letters, not as the special character', () => {
    expect(passwordProblems('Ünïcödé4ever')).toEqual(['A special character (not a letter or digit)']);
  });

  it('when the password is over 72 bytes of UTF-8, then it is refused even under 72 characters', () => {
    const password = `Aa1!${'é'.repeat(35)}`;
    expect(password.length).toBeLessThan(PASSWORD_MAX_BYTES);
    expect(utf8Length(password)).toBe(new TextEncoder().encode(password).length);
    expect(passwordProblems(password)).toEqual([`At most ${PASSWORD_MAX_BYTES} bytes`]);
    expect(passwordProblems(`Aa1!${'x'.repeat(68)}`)).toEqual([]);
  });

  it('when a string has astral and lone-surrogate characters, then its UTF-8 length matches TextEncoder', () => {
    for (const text of ['🤖🦾', 'a\ud800b', '\udc00', 'plain', 'ß∂ƒ©']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});
