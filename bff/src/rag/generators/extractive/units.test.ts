import { describe, expect, it } from 'vitest';
import { splitUnits } from './units.js';

describe('splitUnits', () => {
  const passage = [
    'A node is a process. It talks over topics, e.g. /cmd_vel.',
    '',
    '- Publishers send messages',
    '- Subscribers receive them',
    '',
    'The control law is',
    '',
    '$$',
    'u = K_p e',
    '$$',
    '',
    '````python',
    '```nested```',
    'print("hi")',
    '````',
    'name | type | default',
  ].join('\n');

  it('when a passage mixes prose, a list, a formula and code, then each becomes its own unit in order', () => {
    const units = splitUnits(passage, 2);
    expect(units.map((u) => u.kind)).toEqual([
      'sentence',
      'sentence',
      'item',
      'item',
      'sentence',
      'formula',
      'code',
    ]);
    expect(units[1]!.text).toBe('It talks over topics, e.g. /cmd_vel.');
    expect(units[2]!.text).toBe('Publishers send messages');
    expect(units[6]!.text).toContain('```nested```');
    expect(units.every((u) => u.docIndex === 2)).toBe(true);
  });

  it('when a sentence without a full stop comes right before a formula, then the formula is attached to it', () => {
    const units = splitUnits(passage, 0);
    expect(units[4]!.attached?.kind).toBe('formula');
    expect(units[0]!.attached).toBeUndefined();
  });
});
