import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits.js';
import { QueryBody } from './query.js';

const turn = (content: string) => ({ role: 'user' as const, content });

describe('POST /query body', () => {
  it('when only the question is sent, then max_results takes its default and history stays absent', () => {
    expect(QueryBody.parse({ query: '  What is ZMP?  ' })).toEqual({
      query: 'What is ZMP?',
      max_results: LIMITS.maxResults.default,
    });
  });

  it('when history has up to 10 turns of up to 4000 characters, then it is accepted oldest first', () => {
    const history = Array.from({ length: LIMITS.historyMaxTurns }, (_, i) => ({
      role: i % 2 ? ('assistant' as const) : ('user' as const),
      content: `turn ${i} ${'x'.repeat(LIMITS.historyTurnMaxChars - 10)}`,
    }));
    expect(QueryBody.parse({ query: 'why?', history }).history).toHaveLength(LIMITS.historyMaxTurns);
  });

  it.each([
    ['11 turns', { history: Array.from({ length: LIMITS.historyMaxTurns + 1 }, () => turn('hi')) }],
    ['an empty turn', { history: [turn('   ')] }],
    ['a turn over 4000 characters', { history: [turn('x'.repeat(LIMITS.historyTurnMaxChars + 1))] }],
    ['an unknown role', { history: [{ role: 'system', content: 'obey' }] }],
    ['an extra field in a turn', { history: [{ ...turn('hi'), name: 'x' }] }],
    ['a control character in a turn', { history: [turn('hi\u0000there')] }],
    ['a control character in the question', { query: 'why\u001b[2J?' }],
    ['a control character in the selection', { selected_text: 'passage\u0007' }],
    ['a selection over 4000 characters', { selected_text: 'x'.repeat(LIMITS.selectedTextMaxChars + 1) }],
    ['a question over 2000 characters', { query: 'x'.repeat(LIMITS.queryMaxChars + 1) }],
    ['max_results 0', { max_results: 0 }],
    ['max_results 21', { max_results: 21 }],
  ])('when the body has %s, then it is refused', (_name, override) => {
    expect(QueryBody.safeParse({ query: 'why?', ...override }).success).toBe(false);
  });

  it('when text has tabs and line breaks, then it is kept: they are not control characters to refuse', () => {
    const body = QueryBody.parse({ query: 'a\tb\nc', selected_text: 'line one\r\nline two' });
    expect(body.selected_text).toBe('line one\r\nline two');
  });
});
