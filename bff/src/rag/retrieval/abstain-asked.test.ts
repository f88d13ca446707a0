import { describe, expect, it } from 'vitest';
import { lacksDate, lacksDoer, lacksPay } from './abstain-asked.js';
import { chunkPayload } from '../../../test/support/chunks.js';

const passage = (text: string) => chunkPayload('page.md', ['Page'], text);

describe('lacksDoer: "who VERB" is answered by a named doer', () => {
  const designed = [passage('ROS 2 was designed for real-time systems. Its nodes talk over DDS.')];
  it('when the passages use the verb but name no one who did it, then the doer is lacking', () => {
    expect(lacksDoer('Who designed the first ROS 2 release?', designed)).toBe(true);
  });
  it('when a passage says "VERB by Name", then the doer is given', () => {
    const named = [passage('The filter was invented in 1960 by Rudolf Kalman for navigation.')];
    expect(lacksDoer('Who invented the Kalman filter?', named)).toBe(false);
    // The name a few words after "by": "by a team at Willow Garage".
    const team = [passage('ROS was first developed in 2007 by a team at Willow Garage in California.')];
    expect(lacksDoer('Who developed ROS?', team)).toBe(false);
  });
  it('when a name is the subject of the verb inside a sentence, then the doer is given', () => {
    const named = [passage('In 1970 the roboticist Masahiro Mori proposed the uncanny valley.')];
    expect(lacksDoer('Who proposed the uncanny valley?', named)).toBe(false);
  });
  it('when the question asks with a phrasal verb or an auxiliary, then it is left to the other checks', () => {
    expect(lacksDoer('who came up with the uncanny valley idea', designed)).toBe(false);
    expect(lacksDoer('Who is the book written for?', designed)).toBe(false);
    expect(lacksDoer('What designed ROS 2?', designed)).toBe(false);
  });
});

describe('lacksDate: "when will … be released" is answered by a date or a plan', () => {
  const undated = [passage('Redux 5 is the current release. It ships with TypeScript types.')];
  it('when no passage gives a year or a plan, then the date is lacking', () => {
    expect(lacksDate('When will Redux 6 be released?', undated)).toBe(true);
    expect(lacksDate('when is prettier 4.0 coming out', undated)).toBe(true);
  });
  it('when a passage gives a year, then the date is given', () => {
    const dated = [passage('The old number array format is deprecated and will be removed in 2026.')];
    expect(lacksDate('when will the old number array format stop working completely?', dated)).toBe(false);
  });
  it('when the question asks no future event, then nothing is lacking', () => {
    expect(lacksDate('When is a particle filter better than a Kalman filter?', undated)).toBe(false);
    // Events of the subject matter are answered by a condition, not a date.
    expect(lacksDate('When does the robot stop?', undated)).toBe(false);
    expect(lacksDate('When is the callback removed from the executor?', undated)).toBe(false);
    expect(lacksDate('When will the watchdog stop the robot?', undated)).toBe(false);
  });
});

describe('lacksPay: what a person is paid is an amount of money', () => {
  const unpaid = [passage('A ROS 2 developer writes nodes, launch files and tests for the robot.')];
  it('when no passage gives an amount in a currency, then the pay is lacking', () => {
    expect(lacksPay('What is the salary of a ROS 2 developer?', unpaid)).toBe(true);
  });
  it('when a passage gives one, then the pay is given', () => {
    const paid = [passage('Robotics engineers earn a median salary of $120,000 a year.')];
    expect(lacksPay('What is the average salary of a robotics engineer?', paid)).toBe(false);
  });
  it('when the question asks no pay, then nothing is lacking', () => {
    expect(lacksPay('What does a ROS 2 developer write?', unpaid)).toBe(false);
  });
});
