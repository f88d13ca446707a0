import { describe, expect, it } from 'vitest';
import { bareQuestion } from './preamble.js';

describe('bareQuestion', () => {
  it.each([
    ['a greeting before it', 'Hi! What is the ZMP?', 'What is the ZMP?'],
    ['greetings and fillers in a row', 'ok so, um, what is the ZMP?', 'what is the ZMP?'],
    ['a filler word', 'So what does ZMP mean', 'what does ZMP mean'],
    ['an announced question', 'Quick question: what is the ZMP?', 'what is the ZMP?'],
    ['an apology', 'Sorry if this is a dumb question, but why do robots fall?', 'why do robots fall?'],
    ['a hedge', 'This might be a silly question but why do robots fall?', 'why do robots fall?'],
    ['a call for help', 'Please help: how do I tune a PID?', 'how do I tune a PID?'],
    ['an ask for plain words', 'In simple terms, what is a topic?', 'what is a topic?'],
    ['an ask to be told like a child', "Explain like I'm 5: what is a topic?", 'what is a topic?'],
    ['internet shorthand for it', 'eli5 what is a topic', 'what is a topic'],
    ['after it, thanks after a pause', 'what is a topic? thanks!', 'what is a topic?'],
    ['after it, thanks in advance', 'what is the zmp, thanks in advance', 'what is the zmp'],
    ['after it, shorthand', 'what is a topic pls', 'what is a topic'],
    ['after it, laughter', 'what is a topic lol', 'what is a topic'],
    ['after it, an emoji', 'what is a topic 🙏', 'what is a topic'],
    ['after it, a sigh', "what is a topic?? i'm so confused", 'what is a topic?'],
    ['after it, a plea', 'how do i tune pid? any help appreciated!', 'how do i tune pid?'],
    ['a greeting before and thanks after', 'Hi! what is a topic? thanks', 'what is a topic?'],
    ['after it, thanks said with a "!"', 'how do i tune pid Thanks!', 'how do i tune pid'],
    ['a stressing adverb after "what"', 'what even is advantagescope?', 'what is advantagescope?'],
    ['a stressing adverb after "what\'s"', "what's exactly a topic", "what's a topic"],
    ['a stressing adverb after "how"', 'How actually do I tune a PID?', 'How do I tune a PID?'],
    ['a preamble and a stressing adverb', 'ok so what exactly is the ZMP?', 'what is the ZMP?'],
  ])('when the question comes with %s, then it is read without it', (_, asked, question) => {
    expect(bareQuestion(asked)).toBe(question);
  });

  it.each([
    ['can you explain what a topic is', 'what is a topic?'],
    ['Could you please tell me how a PID controller works?', 'how does a PID controller work?'],
    ["i don't get what the zmp means", 'what does the zmp mean?'],
    ['can you tell me what the gripper does', 'what does the gripper do?'],
    ['I want to know which sensors a humanoid uses', 'which sensors a humanoid uses'],
    ['do you know why robots fall?', 'why robots fall?'],
    ['explain like im 5 what a topic is', 'what is a topic?'],
  ])(
    'when a request makes the question indirect ("%s"), then it is read as the direct question',
    (asked, question) => {
      expect(bareQuestion(asked)).toBe(question);
    },
  );

  it.each([
    'What is a topic?',
    'tell me about gazebo',
    'Explain topics to me',
    'well-known SLAM algorithms?',
    'Question answering in VLA models?',
    'Help with launch files',
    'Thanks!',
    'why do we say thanks',
    'how do I get help',
    'what does the help command do',
    'when even a small error grows, what happens?',
    'how exactly-once delivery works',
  ])(
    'when nothing before "%s" is a preamble to drop (or dropping it would leave nothing), then the question reads as asked',
    (asked) => {
      const read = bareQuestion(asked);
      if (asked === 'So what does ZMP mean') expect(read).toBe('what does ZMP mean');
      else expect(read).toBe(asked);
    },
  );
});
