import { describe, expect, it } from 'vitest';
import { readQuestion } from './question.js';

describe('readQuestion', () => {
  it.each(["What's a ROS 2 topic?", 'What is a ROS 2 topic?', 'whats a ros2 topic', 'What’s a ROS 2 topic?'])(
    'when a reader asks what a thing is (%s), with or without the apostrophe, then it is a definition of it',
    (query) => {
      const question = readQuestion(query);
      expect(question.type).toBe('definition');
      expect(question.subject).toContain('topic');
    },
  );

  it('when a name is typed glued to its number (ros2, python3), then the subject names it by its parts, as when it is written apart', () => {
    expect(readQuestion('whats a ros2 topic').subject).toEqual(
      readQuestion('What is a ROS 2 topic?').subject,
    );
    expect(readQuestion('how do I install python3 packages').subject).toEqual(
      readQuestion('how do I install python 3 packages').subject,
    );
    // The glued word stays among the terms retrieval matches on (the book may write it in commands).
    expect(readQuestion('whats a ros2 topic').terms).toContain('ros2');
    // A name whose parts are not both words of the question stays whole.
    expect(readQuestion('what is the g1 robot').subject).toContain('g1');
  });

  it('when the question is of another kind, then "whats" does not make it a definition', () => {
    expect(readQuestion('How do I create a ROS 2 topic?').type).toBe('procedure');
    expect(readQuestion('whats the default QoS depth?').type).toBe('quantity');
  });

  it.each([
    ['is gazebo classic still maintained? when did it stop', 'date'],
    ['when will the old number array format stop working completely?', 'date'],
    ['When does ROS1 reach end of life?', 'date'],
    ['what year was the first humanoid built', 'date'],
    ['what ios version does an iphone need for the app?', 'version'],
    ['Which Ubuntu version does the workstation need?', 'version'],
    ['which version deprecated createStore?', 'version'],
    ['when i publish a log back to the server, how often do the values get sent?', 'duration'],
    ['if someone tosses a ball at a robot, roughly how long does it get to catch it?', 'duration'],
  ] as const)(
    'when a reader asks for a date, a version or a time after a clause (%s), then it is a quantity of that measure',
    (query, measure) => {
      const question = readQuestion(query);
      expect(question.type).toBe('quantity');
      expect(question.measure).toBe(measure);
    },
  );

  it.each([
    ['When should I use an action instead of a service?', 'comparison'],
    ['when does the table tab add a new row?', 'general'],
    ['why did they make a second version of the robot operating system?', 'reason'],
  ] as const)(
    'when "when" asks for a condition or "version" is not asked for (%s), then no number is wanted',
    (query, type) => {
      expect(readQuestion(query).type).toBe(type);
    },
  );
});
