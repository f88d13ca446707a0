import { describe, expect, it } from 'vitest';
import { isAsideSection } from './non-content.js';

describe('sections that are about the page, not its subject', () => {
  it('when a section heading names practice, objectives, a summary, references or a transition, then it is an aside, whatever punctuation closes it', () => {
    for (const heading of [
      "What's Next?",
      'What’s next?',
      'Summary!',
      '3.4 Exercises',
      'Next steps.',
      'References:',
    ])
      expect(isAsideSection(['Part 4: Store', heading]), heading).toBe(true);
  });

  it('when a section heading names the subject, then it is content', () => {
    for (const heading of [
      'Dispatching Actions',
      'What is a store?',
      'Install Redux Toolkit and React-Redux',
    ])
      expect(isAsideSection(['Part 4: Store', heading]), heading).toBe(false);
  });
});
