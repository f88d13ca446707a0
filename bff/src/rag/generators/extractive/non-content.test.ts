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

  it('when such a heading is placed in the book by a structural word, or joins two of them, then it is still an aside', () => {
    for (const heading of [
      'Chapter Summary',
      'Module 3 Recap',
      'Practical Exercises',
      'Interactive Exercises',
      'Assessment Questions',
      'End-of-chapter Problems',
      'References and Further Reading',
      'Summary & Next Steps',
    ])
      expect(isAsideSection(['Gazebo Simulation', heading]), heading).toBe(true);
  });

  it('when a word before such a noun names a subject, then the section is content', () => {
    for (const heading of [
      'Key Challenges',
      'Control Problems',
      'Design Goals',
      'Sensor Resources and Limits',
    ])
      expect(isAsideSection(['Gazebo Simulation', heading]), heading).toBe(false);
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
