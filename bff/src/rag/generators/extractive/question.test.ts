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

  it('when the question is of another kind, then "whats" does not make it a definition', () => {
    expect(readQuestion('How do I create a ROS 2 topic?').type).toBe('procedure');
    expect(readQuestion('whats the default QoS depth?').type).toBe('quantity');
  });
});
