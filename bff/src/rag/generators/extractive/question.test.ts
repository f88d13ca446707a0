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
});
