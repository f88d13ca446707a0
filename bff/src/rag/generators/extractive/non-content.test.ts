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
    'names a check of what the reader learned, however the book words it',
    'ROS 2 Architecture',
    [
      'Knowledge Check',
      'Self-Assessment Questions',
      'Conceptual Questions',
      'Self-Study Exercises',
      '6. Self-Study Exercises',
      'Weekly Reflection Questions',
      'Check Your Understanding',
      'Module Assessment',
      'Final Assessment (Week 13)',
      'Assessment Rubric',
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

/** [what the case shows, the heading path from the page title down, aside or not]. */
const NESTED: [string, string[], boolean][] = [
  ['is a subsection of practice', ['ROS 2 Architecture', 'Knowledge Check', 'Advanced Problems'], true],
  [
    'is a subsection of a numbered exercise',
    ['Chapter 1 Exercises', 'Exercise 1: Kinematics Analysis', 'Solution Template'],
    true,
  ],
  ['is a subsection of references', ['Locomotion', 'References', 'Books'], true],
  [
    'is a subsection of a heading that names a subject with an aside word',
    ['URDF', 'Links: Rigid Bodies', 'Visual vs Collision Geometry'],
    false,
  ],
  [
    'is a subsection of challenges, which state the subject',
    ['Sim-to-Real', 'Challenges', 'The Reality Gap'],
    false,
  ],
  ['is a subsection of key concepts', ['ROS 2', 'Key Concepts', 'Nodes'], false],
];

describe('sections that are about the page, not its subject', () => {
  it.each(NESTED)('when a section %s (%j), then it is an aside: %s', (_what, path, aside) => {
    expect(isAsideSection(path)).toBe(aside);
  });

  it.each(CASES)(
    'when a section heading %s (under "%s": %j), then it is an aside: %s',
    (_what, title, headings, aside) => {
      for (const heading of headings) expect(isAsideSection([title, heading]), heading).toBe(aside);
    },
  );
});
