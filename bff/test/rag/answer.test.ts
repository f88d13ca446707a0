import { beforeAll, describe, expect, it } from 'vitest';
import { ExtractiveGenerator } from '../../src/rag/generators/extractive-generator.js';
import { NOT_COVERED_MESSAGE } from '../../src/rag/not-covered.js';
import type { QueryLogEntry } from '../../src/rag/query-log-store.js';
import { createQueryService, type QueryEvent, type QueryService } from '../../src/rag/query-service.js';
import { evaluateAbstention, evaluateRetrieval } from '../../../bench/eval/lib/retrieval-metrics.js';
import type { Retriever } from '../../src/rag/retrieval/hybrid-retriever.js';
import type { Level, Reader } from '../../src/rag/types.js';
import { outOfScopeQuestions, sampleBookRetriever, sampleQuestions } from './sample-book.js';

type Done = Extract<QueryEvent, { type: 'done' }>;

let retriever: Retriever;
let service: QueryService;
const logged: QueryLogEntry[] = [];

beforeAll(async () => {
  ({ retriever } = await sampleBookRetriever());
  service = createQueryService({
    retriever,
    generator: new ExtractiveGenerator(),
    queryLog: { record: (entry) => void logged.push(entry), setFeedback: async () => true },
  });
});

function reader(level: Level | null, interests: string[] = []): Reader {
  if (!level) return { userId: null, profile: null };
  return { userId: 'u1', profile: { software_experience: level, hardware_experience: 'None', interests } };
}

async function ask(query: string, who: Reader = reader(null), max_results = 5): Promise<Done> {
  let done: Done | undefined;
  for await (const event of service.answer({ query, max_results }, who))
    if (event.type === 'done') done = event;
  return done!;
}

describe('answers from the sample book (local embedder, hybrid retrieval, extractive generator)', () => {
  it('when the question set is asked, then retrieval finds the right page for nearly every question', async () => {
    const report = await evaluateRetrieval(retriever, sampleQuestions());
    expect(report.hitAt5).toBeGreaterThanOrEqual(0.9);
    expect(report.hitAt1).toBeGreaterThanOrEqual(0.8);
    expect(report.falseAbstentions).toHaveLength(0);
  });

  it('when the question set is asked, then the citations point at the page each question came from', async () => {
    const questions = sampleQuestions();
    let cited = 0;
    for (const q of questions) {
      const done = await ask(q.question);
      expect(done.answer).not.toBe(NOT_COVERED_MESSAGE);
      if (done.citations.some((c) => c.source_path === q.source_path)) cited++;
      for (const c of done.citations) expect(c.url.startsWith('https://book.example.org/docs/')).toBe(true);
    }
    expect(cited / questions.length).toBeGreaterThanOrEqual(0.9);
  });

  it('when a reader types the name glued to its number ("whats a ros2 topic"), then the answer leads with what a topic is, as for "ROS 2"', async () => {
    const glued = await ask('whats a ros2 topic');
    const apart = await ask('What is a ROS 2 topic?');
    expect(glued.answer).toMatch(/^A topic is a named, typed channel/);
    expect(glued.answer.split('\n')[0]).toBe(apart.answer.split('\n')[0]);
  });

  it.each([
    ['mistypes a word', 'How do subscibers get their messages?', 'How do subscribers get their messages?'],
    ['mistypes a word', 'How does the robot recieve IMU data?', 'How does the robot receive IMU data?'],
    ['mistypes a word', 'What does a quaternoin represent?', 'What does a quaternion represent?'],
    ['greets first', 'Hi! Quick question: what is the zero moment point?', 'what is the zero moment point?'],
    ['asks for plain words', 'explain like im 5 what a topic is', 'what is a topic?'],
    ['asks indirectly', 'can you explain what a topic is', 'what is a topic?'],
    ['thanks after it', 'what is a topic? thanks!', 'what is a topic?'],
    ['signs off in shorthand', 'what is the zero moment point pls', 'what is the zero moment point'],
    [
      'apologises first',
      'Sorry if this is a dumb question, but why do robots fall over?',
      'why do robots fall over?',
    ],
  ])(
    'when a reader %s ("%s"), then the answer is the one for the question as the book would word it',
    async (_, asked, worded) => {
      const answer = await ask(asked);
      const plain = await ask(worded);
      expect(plain.answered).toBe(true);
      expect(answer).toMatchObject({ answered: true, answer: plain.answer, citations: plain.citations });
    },
  );

  it('when out-of-scope questions are asked, then the answers say the book does not cover them, with no citations', async () => {
    const report = await evaluateAbstention(retriever, outOfScopeQuestions());
    expect(report.abstentionRate).toBeGreaterThanOrEqual(0.85);
    const done = await ask('What is a good recipe for sourdough bread?');
    expect(done).toMatchObject({ answered: false, citations: [] });
    // A plain refusal, then links to the nearest sections of the book.
    expect(done.answer.startsWith(NOT_COVERED_MESSAGE)).toBe(true);
    expect(done.answer).toMatch(/\]\(https:\/\/book\.example\.org\/docs\/[^)]+\)/);
    expect(logged.at(-1)).toMatchObject({
      query: 'What is a good recipe for sourdough bread?',
      answered: false,
    });
  });

  it('when a beginner and an advanced reader ask about PID, then the beginner gets short plain words and the advanced reader formulas and code', async () => {
    const question = 'How does a PID controller work and how do I tune its gains?';
    const beginner = await ask(question, reader('Beginner'));
    const advanced = await ask(question, reader('Advanced'));
    expect(beginner.level).toBe('Beginner');
    expect(beginner.answer).not.toMatch(/```|\$/);
    expect(advanced.level).toBe('Advanced');
    // The advanced reader gets the book's formula for the subject and its code, both.
    expect(advanced.answer).toMatch(/\$\$[^$]*K_p[^$]*\$\$/);
    expect(advanced.answer).toMatch(/```/);
    expect(advanced.answer.length).toBeGreaterThan(beginner.answer.length * 1.5);
    // The beginner's sentences are shorter than the advanced reader's.
    const wordsPerSentence = (text: string) => {
      const prose = text.replace(/```[\s\S]*?```|\$\$[\s\S]*?\$\$/g, ' ');
      const sentences = prose.split(/[.!?](?:\s|$)/).filter((p) => /\w/.test(p));
      return prose.split(/\s+/).filter((w) => /\w/.test(w)).length / sentences.length;
    };
    expect(wordsPerSentence(beginner.answer)).toBeLessThan(wordsPerSentence(advanced.answer));
  });

  it('when two readers differ only in interests, then the answer emphasizes each one’s interest', async () => {
    const question = 'How does a robot keep its balance?';
    const humanoids = await ask(question, reader('Intermediate', ['humanoid walking']));
    const plain = await ask(question, reader('Intermediate'));
    expect(humanoids.answer).toContain(
      'This part of the book bears on humanoid walking, one of your interests.',
    );
    expect(plain.answer).not.toContain('your interests');
  });

  it('when the reader highlights a passage, then the answer quotes it and cites the book around it', async () => {
    let done: Done | undefined;
    const selected_text =
      'The ZMP must stay inside the support polygon for the robot to stay flat on its feet.';
    for await (const e of service.answer(
      { query: 'Can you explain this?', max_results: 5, selected_text },
      reader('Beginner'),
    )) {
      if (e.type === 'done') done = e;
    }
    expect(done!.answer).toMatch(/^You highlighted: “The ZMP must stay/);
    expect(done!.citations.length).toBeGreaterThan(0);
  });
});
