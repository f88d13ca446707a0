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
  it.each([
    // ellipsis: no subject of its own
    'why?',
    'How?',
    'give an example',
    'Can you explain more?',
    'tell me more',
    // continuation with a new subject or angle
    'and for a service?',
    'What about the default value?',
    'how about Gazebo?',
    'In Python?',
    'with a real robot instead?',
    'But on Windows?',
    // pronouns and demonstratives that point back
    'What does it do?',
    'How does it compare to ROS 1?',
    'How much does it cost?',
    'Why is that?',
    'What does that mean for latency?',
    'Is this used on real humanoids?',
    'What are their default values?',
    'Which one is faster?',
    'Does the latter need a GPU?',
  ])('when the question leans on the conversation ("%s"), then it is a follow-up', (question) => {
    expect(isFollowUp(question)).toBe(true);
  });

  it.each([
    // short questions that name their subject
    'What is SLAM?',
    'Define odometry.',
    'What is a URDF file?',
    'Why do humanoids fall?',
    'How do I install ROS 2?',
    'What is Redux?',
    'Explain PID control',
    'ZMP?',
    'Give an example of a ROS 2 service',
    // "that" opening a clause, expletive "it"
    'What is the node that publishes the clock?',
    'Is it possible to run ROS 2 on Windows?',
    'How long does it take to train a walking policy?',
    'Does it matter which DDS vendor I pick?',
    // long questions that name their subject at length
    'Which physics engine does Gazebo use by default for humanoid robot simulation?',
    'In order to simulate a humanoid, which physics engine should I pick?',
  ])('when the question names its own subject ("%s"), then it stands alone', (question) => {
    expect(isFollowUp(question)).toBe(false);
  });
});

describe('resolveFollowUp with standalone short questions', () => {
  it('when a short question names a new subject, then the previous question is not searched again', () => {
    expect(resolveFollowUp('What is SLAM?', history)).toBe('What is SLAM?');
    expect(resolveFollowUp('Define a ROS 2 service.', history)).toBe('Define a ROS 2 service.');
  });
});
