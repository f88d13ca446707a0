import { describe, expect, it } from 'vitest';
import { isAsideSection } from './non-content.js';

/** [what the case shows, the page title above the section, the section headings, aside or not]. */
const CASES: [string, string, string[], boolean][] = [
  [
    'names practice, objectives, a summary, references or a transition, whatever punctuation closes it',
    'Part 4: Store',
    ["What's Next?", 'What’s next?', 'Summary!', '3.4 Exercises', 'Next steps.', 'References:'],
    true,
  ],
  [
    'places such a section in the book by a structural word, or joins two of them',
    'Gazebo Simulation',
    [
      'Chapter Summary',
      'Module 3 Recap',
      'Practical Exercises',
      'Interactive Exercises',
      'Assessment Questions',
      'End-of-chapter Problems',
      'References and Further Reading',
      'Summary & Next Steps',
    ],
    true,
  ],
  [
    'names the subject',
    'Part 4: Store',
    ['Dispatching Actions', 'What is a store?', 'Install Redux Toolkit and React-Redux'],
    false,
  ],
  [
    'puts a subject word before such a noun',
    'Gazebo Simulation',
    ['Key Challenges', 'Control Problems', 'Design Goals', 'Sensor Resources and Limits'],
    false,
  ],
];

describe('sections that are about the page, not its subject', () => {
  it.each(CASES)(
    'when a section heading %s (under "%s": %j), then it is an aside: %s',
    (_what, title, headings, aside) => {
      for (const heading of headings) expect(isAsideSection([title, heading]), heading).toBe(aside);
    },
  );
});
