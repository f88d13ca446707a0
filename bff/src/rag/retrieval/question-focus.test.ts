import { describe, expect, it } from 'vitest';
import { attributeForms, holdsFocus, questionFocus, type FocusPassage } from './question-focus.js';
import { contentTerms } from './terms.js';

describe('questionFocus', () => {
  const cases: [string, string, { terms: string[]; modifiers?: string[]; procedureVerb?: boolean }][] = [
    ['who + verb', 'Who invented the PID controller?', { terms: ['invent'] }],
    ['how + adjective', 'How tall is the Atlas robot?', { terms: ['tall'] }],
    ['how + adjective, another form', 'How accurate is LiDAR?', { terms: ['accur'] }],
    ['how much does … cost', 'How much does a force-torque sensor cost?', { terms: ['cost'] }],
    [
      'how many + noun phrase: its head, the rest as modifiers',
      'How many weekly downloads does Redux have?',
      { terms: ['download'], modifiers: ['weekli'] },
    ],
    ['what is the NOUN of', 'What is the salary of a robotics engineer?', { terms: ['salari'] }],
    ['what NOUN + auxiliary', 'What warranty do arm makers usually give?', { terms: ['warranti'] }],
    [
      'which NOUN + auxiliary',
      'Which physics engine should I pick?',
      { terms: ['engin'], modifiers: ['physic'] },
    ],
    [
      'what is the NOUN NOUN of',
      'What is the power draw of a humanoid?',
      { terms: ['draw'], modifiers: ['power'] },
    ],
    [
      'a light noun leaves the head to its modifier',
      'What friction value should rubber feet get?',
      { terms: ['friction'] },
    ],
    ['how do I + verb', 'How do I paint the shell of my robot?', { terms: ['paint'], procedureVerb: true }],
  ];
  it.each(cases)('when the question has %s (%s), then its focus is read', (_label, question, expected) => {
    const focus = questionFocus(question);
    expect(focus.terms).toEqual(expected.terms);
    if (expected.modifiers) expect(focus.modifiers).toEqual(expected.modifiers);
    expect(focus.procedureVerb).toBe(expected.procedureVerb ?? false);
  });

  const none: [string, string][] = [
    ['a definition', 'What is a ROS 2 topic?'],
    ['a measure asked with how long', 'How long does a humanoid battery last?'],
    ['a measure asked with how fast', 'How fast does YOLOv8 run with TensorRT?'],
    ['a what-does question', 'What does compose do?'],
    ['a yes/no question', 'Is there a downside to randomizing too much?'],
    ['a why question', 'Why does the IMU drift?'],
    ['a noun followed by a verb that is no auxiliary', 'Which helper writes the reducer for me?'],
  ];
  it.each(none)('when the question is %s (%s), then it has no focus to check', (_label, question) => {
    expect(questionFocus(question).terms).toEqual([]);
  });
});

describe('holdsFocus', () => {
  const passage = (text: string): FocusPassage => ({ terms: new Set(contentTerms(text)), text });
  const cases: [string, string, string, boolean][] = [
    ['the same word', 'What is the salary of an engineer?', 'The median salary is listed below.', true],
    ['another derivation of the stem', 'How accurate is LiDAR?', 'LiDAR accuracy is about 2 cm.', true],
    ['a word of the attribute family', 'What is the price of a Spot?', 'Spot costs a lot.', true],
    ['an amount in the family unit', 'How heavy is Optimus?', 'Optimus: 1.73 m, 73kg.', true],
    ['a currency amount for a price', 'What is the price of a Spot?', 'Spot sells for $75,000.', true],
    [
      'an amount in watts for a power draw',
      'What is the power draw of a humanoid?',
      'Walking: 200-500W.',
      true,
    ],
    ['a family word for weaknesses', 'What are the weaknesses of LiDAR?', 'Limitations: expensive.', true],
    ['no word of it', 'How heavy is a 3D LiDAR?', 'A 3D LiDAR spins many beams.', false],
    ['only the subject', 'Who invented the PID controller?', 'A PID controller sums three terms.', false],
    ['a short stem that only begins another word', 'How tall is Atlas?', 'Atlas tallies its steps.', false],
  ];
  it.each(cases)('when the passage has %s, then holdsFocus is right', (_label, question, text, held) => {
    const focus = questionFocus(question);
    expect(focus.terms.length).toBeGreaterThan(0);
    expect(holdsFocus(focus.terms, passage(text))).toBe(held);
  });
});

describe('attributeForms', () => {
  it('when a word names an attribute, then its family comes with it; any other word stands alone', () => {
    expect(attributeForms('tall')).toEqual(expect.arrayContaining(['tall', 'height']));
    expect(attributeForms('price')).toEqual(expect.arrayContaining(['price', 'cost']));
    expect(attributeForms('gyroscop')).toEqual(['gyroscop']);
  });
});
