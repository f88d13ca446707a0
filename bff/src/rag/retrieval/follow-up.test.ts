import { describe, expect, it } from 'vitest';
import { isFollowUp, resolveFollowUp, type Turn } from './follow-up.js';

const history: Turn[] = [
  { role: 'user', content: 'What is a ROS 2 topic?' },
  { role: 'assistant', content: 'A topic is a named channel for a stream of messages.' },
];

describe('resolveFollowUp', () => {
  it('when there is no history, then the question is searched as asked', () => {
    expect(resolveFollowUp('why?')).toBe('why?');
    expect(resolveFollowUp('why?', [])).toBe('why?');
  });

  it.each([
    'why?',
    'give an example',
    'what about its default?',
    'and the queue depth?',
    'How does it compare?',
    'more',
  ])(
    'when the follow-up is short or referring ("%s"), then the previous user question leads the search',
    (question) => {
      expect(resolveFollowUp(question, history)).toBe(`What is a ROS 2 topic?\n${question}`);
    },
  );

  it('when the question names its own subject, then the history is ignored', () => {
    const question = 'How does Gazebo compute the real-time factor of a simulation?';
    expect(resolveFollowUp(question, history)).toBe(question);
  });

  it("when the latest turns are the assistant's, then the latest user turn is the one resolved against", () => {
    const turns: Turn[] = [
      { role: 'user', content: 'What is PID control?' },
      { role: 'assistant', content: 'A feedback controller.' },
      { role: 'user', content: 'What is the zero moment point?' },
      { role: 'assistant', content: 'A balance criterion.' },
    ];
    expect(resolveFollowUp('why does it matter?', turns)).toBe(
      'What is the zero moment point?\nwhy does it matter?',
    );
  });

  it('when the history has only assistant turns or blank user turns, then the question stands alone', () => {
    expect(resolveFollowUp('why?', [{ role: 'assistant', content: 'Hello.' }])).toBe('why?');
    expect(resolveFollowUp('why?', [{ role: 'user', content: '   ' }])).toBe('why?');
  });
});

describe('isFollowUp', () => {
  it('when a question is short it is a follow-up, and when it names its subject at length it stands alone', () => {
    expect(isFollowUp('What does it do?')).toBe(true);
    expect(isFollowUp('Which physics engine does Gazebo use by default for humanoid robot simulation?')).toBe(
      false,
    );
  });
});
