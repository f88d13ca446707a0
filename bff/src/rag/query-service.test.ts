import { describe, expect, it, vi } from 'vitest';
import { NOT_COVERED_MESSAGE } from './not-covered.js';
import type { QueryLogEntry, QueryLogStore } from './query-log-store.js';
import { createQueryService, mergeByUrl, snippetOf, type QueryEvent } from './query-service.js';
import type { RetrievalResult, Retriever } from './retrieval/hybrid-retriever.js';
import type { GenerateEvent, GenerateInput, Generator, Reader, SearchHit } from './types.js';

function hit(id: string, url: string, text: string, chunk_index = 0, score = 0.7): SearchHit {
  return {
    id,
    score,
    payload: {
      text,
      title: `Title ${url}`,
      heading_path: ['Book', url],
      url,
      source_path: `${url}.md`,
      chunk_index,
      content_hash: id,
    },
  };
}

const HITS = [
  hit('a2', 'pid', 'Second part of PID.', 2, 0.9),
  hit('b', 'zmp', 'ZMP text.'),
  hit('a1', 'pid', 'First part of PID.', 1),
];

function retriever(result: Partial<RetrievalResult> = {}): Retriever {
  return {
    invalidate: () => undefined,
    retrieve: async () => ({ hits: HITS, terms: ['pid'], coverage: 1, covered: true, ...result }),
  };
}

/** Cites the second merged document first, then the first: citation order is the generator's. */
function fakeGenerator(calls: GenerateInput[] = []): Generator {
  return {
    mode: 'extractive',
    async *generate(input: GenerateInput): AsyncIterable<GenerateEvent> {
      calls.push(input);
      yield { type: 'delta', text: 'ZMP [1] ' };
      yield { type: 'delta', text: 'and PID [2].' };
      yield {
        type: 'done',
        text: 'ZMP [1] and PID [2].',
        citations: [{ documentIndex: 1 }, { documentIndex: 0 }],
        answered: true,
      };
    },
  };
}

function memoryLog(): Pick<QueryLogStore, 'record' | 'setFeedback'> & { rows: QueryLogEntry[] } {
  const rows: QueryLogEntry[] = [];
  return { rows, record: (entry) => void rows.push(entry), setFeedback: async () => true };
}

const anonymous: Reader = { userId: null, profile: null };
const advanced: Reader = {
  userId: '00000000-0000-4000-8000-000000000001',
  profile: { software_experience: 'Intermediate', hardware_experience: 'Advanced', interests: ['balance'] },
};

async function collect(events: AsyncIterable<QueryEvent>): Promise<QueryEvent[]> {
  const out: QueryEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

describe('query service', () => {
  it('when a question is answered, then events come as meta, deltas, done with the same query id', async () => {
    const service = createQueryService({
      retriever: retriever(),
      generator: fakeGenerator(),
      queryLog: memoryLog(),
    });
    const events = await collect(service.answer({ query: 'PID?', max_results: 5 }, anonymous));
    expect(events.map((e) => e.type)).toEqual(['meta', 'delta', 'delta', 'done']);
    const [meta, , , done] = events as [
      Extract<QueryEvent, { type: 'meta' }>,
      QueryEvent,
      QueryEvent,
      Extract<QueryEvent, { type: 'done' }>,
    ];
    expect(meta.query_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(done.query_id).toBe(meta.query_id);
    expect(done).toMatchObject({
      answer: 'ZMP [1] and PID [2].',
      answered: true,
      level: 'default',
      personalization_applied: false,
      mode: 'extractive',
    });
  });

  it('when chunks share a URL, then they reach the generator as one document and citations follow the generator order', async () => {
    const calls: GenerateInput[] = [];
    const service = createQueryService({
      retriever: retriever(),
      generator: fakeGenerator(calls),
      queryLog: memoryLog(),
    });
    const events = await collect(service.answer({ query: 'PID?', max_results: 5 }, anonymous));
    expect(calls[0]!.documents.map((d) => d.payload.url)).toEqual(['pid', 'zmp']);
    expect(calls[0]!.documents[0]!.payload.text).toBe('First part of PID.\n\nSecond part of PID.');
    const done = events.at(-1) as Extract<QueryEvent, { type: 'done' }>;
    expect(done.citations.map((c) => c.url)).toEqual(['zmp', 'pid']);
    expect(done.citations[1]).toEqual({
      title: 'Title pid',
      url: 'pid',
      heading_path: ['Book', 'pid'],
      source_path: 'pid.md',
      snippet: 'First part of PID. Second part of PID.',
      score: 0.9,
    });
  });

  it('when the reader has a profile, then the persona reaches the generator and the log row', async () => {
    const calls: GenerateInput[] = [];
    const log = memoryLog();
    const service = createQueryService({
      retriever: retriever(),
      generator: fakeGenerator(calls),
      queryLog: log,
    });
    const events = await collect(service.answer({ query: 'PID?', max_results: 5 }, advanced));
    expect(calls[0]!.persona).toMatchObject({
      level: 'Advanced',
      interests: ['balance'],
      personalized: true,
    });
    expect(events[0]).toMatchObject({ level: 'Advanced', personalization_applied: true });
    expect(log.rows).toEqual([
      expect.objectContaining({
        user_id: advanced.userId,
        query: 'PID?',
        level: 'Advanced',
        personalization_applied: true,
        mode: 'extractive',
        answered: true,
      }),
    ]);
    expect(log.rows[0]!.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('when the book does not cover the question, then the generator is not called and the answer says so', async () => {
    const calls: GenerateInput[] = [];
    const log = memoryLog();
    const service = createQueryService({
      retriever: retriever({ covered: false }),
      generator: fakeGenerator(calls),
      queryLog: log,
    });
    const events = await collect(service.answer({ query: 'lasagna?', max_results: 5 }, anonymous));
    expect(calls).toHaveLength(0);
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      answered: false,
      answer: `${NOT_COVERED_MESSAGE} The nearest sections are:\n\n- [Book › pid](pid)\n- [Book › zmp](zmp)`,
      citations: [],
    });
    expect(events[0]).toMatchObject({ type: 'meta', citations: [] });
    expect(log.rows[0]!.answered).toBe(false);
  });

  it('when the reader highlighted a passage, then it is explained even if the question alone looks off topic', async () => {
    const calls: GenerateInput[] = [];
    const spy = retriever({ covered: false });
    const retrieve = vi.spyOn(spy, 'retrieve');
    const service = createQueryService({
      retriever: spy,
      generator: fakeGenerator(calls),
      queryLog: memoryLog(),
    });
    await collect(
      service.answer(
        { query: 'What does this mean?', max_results: 3, selected_text: 'The ZMP must stay in the polygon.' },
        anonymous,
      ),
    );
    expect(retrieve.mock.calls[0]![0]).toContain('The ZMP must stay in the polygon.');
    expect(calls[0]!.selectedText).toBe('The ZMP must stay in the polygon.');
  });

  it('when the caller reads only done (a JSON response), then no delta is sent and meta and done are unchanged', async () => {
    const calls: GenerateInput[] = [];
    const service = (generator: Generator) =>
      createQueryService({ retriever: retriever(), generator, queryLog: memoryLog() });
    const streamed = await collect(
      service(fakeGenerator()).answer({ query: 'PID?', max_results: 5 }, anonymous),
    );
    const whole = await collect(
      service(fakeGenerator(calls)).answer({ query: 'PID?', max_results: 5 }, anonymous, undefined, {
        deltas: false,
      }),
    );
    expect(whole.map((e) => e.type)).toEqual(['meta', 'done']);
    // The generator is told, so one that has the whole answer at once skips cutting it up.
    expect(calls[0]!.deltas).toBe(false);
    const withoutId = (e: QueryEvent) => ({ ...e, query_id: undefined });
    expect(whole.map(withoutId)).toEqual(streamed.filter((e) => e.type !== 'delta').map(withoutId));
  });

  it('when the book does not cover the question and the caller reads only done, then the decline is whole in done', async () => {
    const service = createQueryService({
      retriever: retriever({ covered: false }),
      generator: fakeGenerator(),
      queryLog: memoryLog(),
    });
    const events = await collect(
      service.answer({ query: 'lasagna?', max_results: 5 }, anonymous, undefined, { deltas: false }),
    );
    expect(events.map((e) => e.type)).toEqual(['meta', 'done']);
    expect(events[1]).toMatchObject({
      answered: false,
      answer: expect.stringContaining(NOT_COVERED_MESSAGE),
    });
  });

  it('when retrieval fails, then the error reaches the caller before any event', async () => {
    const failing: Retriever = {
      invalidate: () => undefined,
      retrieve: async () => Promise.reject(new Error('no index')),
    };
    const service = createQueryService({
      retriever: failing,
      generator: fakeGenerator(),
      queryLog: memoryLog(),
    });
    await expect(collect(service.answer({ query: 'PID?', max_results: 5 }, anonymous))).rejects.toThrow(
      'no index',
    );
  });
});

describe('snippets and merging', () => {
  it('when a passage starts with code, then the snippet skips it and stays near 200 characters', () => {
    const text = '```python\nprint(1)\n```\n' + 'Word '.repeat(100);
    const snippet = snippetOf(text);
    expect(snippet).not.toContain('print');
    expect(snippet.length).toBeLessThanOrEqual(201);
    expect(snippet.endsWith('…')).toBe(true);
  });

  it('when more passages are cited than the snippet cache holds, then each snippet is still its own passage', () => {
    const passage = (i: number) =>
      `Passage number ${i} explains one thing. ${'More words follow here. '.repeat(12)}`;
    const first = snippetOf(passage(0));
    for (let i = 1; i <= 5000; i++)
      expect(snippetOf(passage(i))).toMatch(new RegExp(`^Passage number ${i} `));
    expect(snippetOf(passage(0))).toBe(first);
    expect(first).toMatch(/^Passage number 0 explains/);
  });

  it('when hits have distinct URLs, then merging keeps them as they are', () => {
    const hits = [hit('x', 'one', 'One.'), hit('y', 'two', 'Two.')];
    expect(mergeByUrl(hits)).toEqual(hits);
  });
});
