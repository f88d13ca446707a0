import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { LocalEmbedder } from '../local/local-embedder.js';
import type { ChunkPayload } from '../types.js';
import { createHybridRetriever } from './hybrid-retriever.js';
import { InMemoryVectorStore } from './in-memory-store.js';

const embedder = new LocalEmbedder(128);

const PAGES: [string, string, string][] = [
  [
    'sensors.md',
    'Sensors',
    'An IMU measures acceleration and rotation rate. Its gyroscope drifts over time, so the heading slowly wanders.',
  ],
  [
    'pid.md',
    'PID control',
    'A PID controller sums proportional, integral and derivative terms of the error to drive a joint to its setpoint.',
  ],
  [
    'gazebo.md',
    'Gazebo',
    'Gazebo simulates rigid bodies, sensors and contacts so a robot can be tested before it exists.',
  ],
];

function payload(source_path: string, title: string, text: string, chunk_index = 0): ChunkPayload {
  const url = `https://book.example.org/docs/${source_path.replace(/\.md$/, '')}`;
  return {
    text,
    title,
    heading_path: [title],
    url,
    source_path,
    chunk_index,
    content_hash: `${source_path}#${chunk_index}`,
  };
}

async function storeWith(pages: [string, string, string][]): Promise<InMemoryVectorStore> {
  const store = new InMemoryVectorStore();
  await store.ensure({ embedder: embedder.id, dimensions: embedder.dimensions });
  const payloads = pages.map(([path, title, text]) => payload(path, title, text));
  const vectors = await embedder.embed(
    payloads.map((p) => p.text),
    'search_document',
  );
  await store.upsert(payloads.map((p, i) => ({ id: p.source_path, vector: vectors[i]!, payload: p })));
  return store;
}

describe('hybrid retriever', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('when a question matches one page, then that page comes first and every score is in [0, 1]', async () => {
    const retriever = createHybridRetriever(embedder, await storeWith(PAGES));
    const result = await retriever.retrieve('Why does the gyroscope heading drift?', 3);
    expect(result.hits[0]!.payload.source_path).toBe('sensors.md');
    expect(result.covered).toBe(true);
    for (const hit of result.hits) {
      expect(hit.score).toBeGreaterThanOrEqual(0);
      expect(hit.score).toBeLessThanOrEqual(1);
    }
    expect(result.hits[0]!.score).toBeGreaterThan(result.hits.at(-1)!.score);
  });

  it('when max_results is smaller than the index, then at most that many hits come back', async () => {
    const retriever = createHybridRetriever(embedder, await storeWith(PAGES));
    expect((await retriever.retrieve('robot sensors', 1)).hits).toHaveLength(1);
  });

  it('when a question is off topic, then it is marked not covered', async () => {
    const retriever = createHybridRetriever(embedder, await storeWith(PAGES));
    const result = await retriever.retrieve('What is a good recipe for vegetable lasagna?', 5);
    expect(result.covered).toBe(false);
  });

  it('when nothing was ever ingested, then INDEX_NOT_READY names the ingest command', async () => {
    const retriever = createHybridRetriever(embedder, new InMemoryVectorStore());
    const error = await retriever.retrieve('anything', 5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'index_not_ready', status: 503 });
    expect((error as AppError).message).toContain('pnpm ingest');
  });

  it('when the index was built by another embedder, then the error names both and says to re-ingest with --reset', async () => {
    const store = new InMemoryVectorStore();
    await store.ensure({ embedder: 'cohere/embed-v4.0/1024', dimensions: 1024 });
    const error = await createHybridRetriever(embedder, store)
      .retrieve('anything', 5)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'index_embedder_mismatch' });
    expect((error as AppError).message).toMatch(/cohere\/embed-v4\.0\/1024.*local-hash-v2\/128.*--reset/);
  });

  it('when a page is ingested after the first query and invalidate() is called, then the keyword side finds it', async () => {
    const store = await storeWith(PAGES.slice(0, 2));
    const retriever = createHybridRetriever(embedder, store);
    await retriever.retrieve('PID', 5);
    const extra = payload(
      'urdf.md',
      'URDF',
      'URDF describes links and joints of a robot in XML; xacro adds macros.',
    );
    const [vector] = await embedder.embed([extra.text], 'search_document');
    await store.upsert([{ id: 'urdf.md', vector: vector!, payload: extra }]);
    retriever.invalidate();
    const result = await retriever.retrieve('What does xacro add to URDF?', 5);
    expect(result.hits[0]!.payload.source_path).toBe('urdf.md');
  });

  it('when the index check fails once, then the next query checks again instead of caching the failure', async () => {
    const store = new InMemoryVectorStore();
    const retriever = createHybridRetriever(embedder, store);
    await expect(retriever.retrieve('PID', 5)).rejects.toMatchObject({ code: 'index_not_ready' });
    const filled = await storeWith(PAGES);
    await store.ensure((await filled.info())!);
    await store.upsert(
      (await filled.payloads()).map(({ id, payload: p }) => ({
        id,
        vector: embedder.embedOne(p.text),
        payload: p,
      })),
    );
    await expect(retriever.retrieve('PID controller', 5)).resolves.toMatchObject({ covered: true });
  });

  it('when another process re-ingests with another embedder, then queries fail with a mismatch within a minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const store = await storeWith(PAGES);
    const retriever = createHybridRetriever(embedder, store);
    await retriever.retrieve('PID controller', 5);
    await store.ensure({ embedder: 'cohere/embed-v4.0/1024', dimensions: 1024 }, { reset: true });
    vi.setSystemTime(Date.now() + 31_000);
    await expect(retriever.retrieve('PID controller', 5)).rejects.toMatchObject({
      code: 'index_embedder_mismatch',
    });
  });

  it('when the question names a product the book never mentions, then it is not covered and the nearest sections still come back', async () => {
    const retriever = createHybridRetriever(embedder, await storeWith(PAGES));
    const result = await retriever.retrieve(
      'How do I tune the PID controller of a Dynamixel servo joint?',
      3,
    );
    expect(result.covered).toBe(false);
    expect(result.unknownNames).toEqual(['dynamixel']);
    expect(result.hits[0]?.payload.source_path).toBe('pid.md');
  });

  it('when a paraphrase uses an everyday word the book never does, then the words it knows decide and it is covered', async () => {
    const retriever = createHybridRetriever(embedder, await storeWith(PAGES));
    const result = await retriever.retrieve('Why does the heading of a gyroscope wander so annoyingly?', 3);
    expect(result.terms).toEqual(['head', 'gyroscop', 'wander', 'annoyingli']);
    expect(result.covered).toBe(true);
    expect(result.hits[0]?.payload.source_path).toBe('sensors.md');
  });

  it('when the question asks for an attribute the book never gives of a thing it names, then it is not covered', async () => {
    const retriever = createHybridRetriever(embedder, await storeWith(PAGES));
    for (const question of ['How heavy is a gyroscope?', 'Who invented the PID controller?']) {
      const result = await retriever.retrieve(question, 3);
      expect(result.covered, question).toBe(false);
      expect(result.hits.length, question).toBeGreaterThan(0);
    }
  });

  it('when a name the book barely mentions is asked about in other words of an attribute it gives, then it is covered', async () => {
    // Enough other chunks that one mention makes Digit a name the book barely covers.
    const others = ['wheels', 'grippers', 'batteries', 'cameras', 'motors', 'cables', 'frames', 'joints'];
    const pages: [string, string, string][] = [
      ...PAGES,
      ...others.map((part): [string, string, string] => [`${part}.md`, part, `A robot has ${part}.`]),
      ['digit.md', 'Digit', 'Digit is a humanoid by Agility Robotics. Height: 1.75 m, mass 65 kg.'],
    ];
    const retriever = createHybridRetriever(embedder, await storeWith(pages));
    expect((await retriever.retrieve('How tall is Digit?', 3)).covered).toBe(true);
    expect((await retriever.retrieve('How much electricity does Digit use?', 3)).covered).toBe(false);
  });

  it('when the book names the asked-for attribute in other words of its family, then it is covered', async () => {
    const pages: [string, string, string][] = [
      ...PAGES,
      [
        'imu.md',
        'Choosing an IMU',
        'The main limitation of a MEMS gyroscope is drift; one costs a few dollars.',
      ],
    ];
    const retriever = createHybridRetriever(embedder, await storeWith(pages));
    for (const question of [
      'What are the weaknesses of a gyroscope?',
      'What is the price of a MEMS gyroscope?',
    ])
      expect((await retriever.retrieve(question, 3)).covered, question).toBe(true);
  });

  it('when most of the question is words the book never uses, then it stays not covered', async () => {
    const retriever = createHybridRetriever(embedder, await storeWith(PAGES));
    expect(
      (await retriever.retrieve('Which gyroscope brand sells the cheapest kitchen blenders?', 3)).covered,
    ).toBe(false);
  });

  it('when the question asks of a release newer than any the book names, then it is not covered', async () => {
    const pages: [string, string, string][] = [
      ...PAGES,
      ['install.md', 'Installing Gazebo', 'Install Gazebo on Ubuntu 22.04 with the package manager.'],
    ];
    const retriever = createHybridRetriever(embedder, await storeWith(pages));
    const newer = await retriever.retrieve('How do I install Gazebo on Ubuntu 24.04?', 3);
    expect(newer.covered).toBe(false);
    expect(newer.unknownNames).toEqual(['ubuntu 24.04']);
    expect((await retriever.retrieve('How do I install Gazebo on Ubuntu 22.04?', 3)).covered).toBe(true);
    expect((await retriever.retrieve('How do I install Gazebo on Ubuntu 20.04?', 3)).covered).toBe(true);
  });

  it('when the book leaves the range of versions open, then a newer release is covered', async () => {
    const pages: [string, string, string][] = [
      ...PAGES,
      [
        'install.md',
        'Installing Gazebo',
        'Install Gazebo on Ubuntu 22.04 or later with the package manager.',
      ],
    ];
    const retriever = createHybridRetriever(embedder, await storeWith(pages));
    expect((await retriever.retrieve('How do I install Gazebo on Ubuntu 24.04?', 3)).covered).toBe(true);
  });

  it('when the question names a hyphenated compound or snake_case identifier the book never writes, then it is not covered', async () => {
    const retriever = createHybridRetriever(embedder, await storeWith(PAGES));
    const result = await retriever.retrieve('How does a drift-heading gyroscope wander?', 3);
    expect(result.covered).toBe(false);
    expect(result.unknownNames).toEqual(['drift-heading']);
    expect((await retriever.retrieve('How does a gyroscope heading drift?', 3)).covered).toBe(true);
    const identifier = await retriever.retrieve('How does GYROSCOPE_HEADING_MODE drift?', 3);
    expect(identifier.unknownNames).toContain('gyroscope_heading_mode');
  });

  it('when the same question names only what the book holds, then it is covered', async () => {
    const retriever = createHybridRetriever(embedder, await storeWith(PAGES));
    const result = await retriever.retrieve('How does the PID controller drive a joint to its setpoint?', 3);
    expect(result.covered).toBe(true);
    expect(result.unknownNames).toEqual([]);
  });
});

describe('hybrid retriever and compounds', () => {
  // Two pages share the words of "redux-saga"; only one writes the compound, the other says Redux
  // and sagas apart, more often.
  const pages: [string, string, string][] = [
    [
      'patterns.md',
      'Async patterns',
      'Redux async logic can live in thunks, or in a saga: a long-running process beside Redux.',
    ],
    ['ecosystem.md', 'Ecosystem', 'redux-saga runs generator functions for complex async logic.'],
    ['store.md', 'Store', 'The store holds the state tree and runs reducers on each dispatched action.'],
  ];

  it('when the question writes a hyphenated compound, then the chunk that writes it whole ranks first', async () => {
    const question = 'When should I pick redux-saga for async logic?';
    const store = await storeWith(pages);
    const without = createHybridRetriever(embedder, store, { passage: { compound: 0 } });
    expect((await without.retrieve(question, 3)).hits[0]!.payload.source_path).toBe('patterns.md');
    const retriever = createHybridRetriever(embedder, store);
    const result = await retriever.retrieve(question, 3);
    expect(result.hits[0]!.payload.source_path).toBe('ecosystem.md');
    for (const hit of result.hits) expect(hit.score).toBeLessThanOrEqual(1);
    // Written with a space or an underscore, the compound is the same name.
    expect((await retriever.retrieve('When should I pick redux_saga for async logic?', 3)).hits[0]!.id).toBe(
      'ecosystem.md',
    );
  });
});

describe('hybrid retriever and amounts', () => {
  // The overview names the capstone and its video most; the requirements give the video's length.
  const pages: [string, string, string][] = [
    ['overview.md', 'Demo video', 'The capstone demo video shows your robot working in the capstone.'],
    ['requirements.md', 'Demo video', 'Keep the demo video short: 3 to 5 minutes, not longer.'],
    ['store.md', 'Grading', 'The capstone is graded on the robot, the report and the code.'],
  ];

  it('when a quantity question asks for a duration, then the chunk that gives one ranks first', async () => {
    const question = 'How long should the capstone demo video be?';
    const store = await storeWith(pages);
    const without = createHybridRetriever(embedder, store, { passage: { amount: 0 } });
    expect((await without.retrieve(question, 3)).hits[0]!.payload.source_path).toBe('overview.md');
    const result = await createHybridRetriever(embedder, store).retrieve(question, 3);
    expect(result.hits[0]!.payload.source_path).toBe('requirements.md');
    for (const hit of result.hits) expect(hit.score).toBeLessThanOrEqual(1);
  });
});

describe('hybrid retriever and counts', () => {
  // The overview names the humanoid and its joints most; the anatomy section counts the joints.
  const pages: [string, string, string][] = [
    [
      'overview.md',
      'Humanoid joints',
      'Humanoid joints move the humanoid: each joint of a humanoid has a motor.',
    ],
    ['anatomy.md', 'Humanoid joints', 'A humanoid typically has 20-40+ joints.'],
    ['grading.md', 'Grading', 'The capstone is graded on the robot, the report and the code.'],
  ];

  it('when a quantity question counts something, then the chunk that gives the count ranks first', async () => {
    const question = 'How many joints does a humanoid have?';
    const store = await storeWith(pages);
    const without = createHybridRetriever(embedder, store, { passage: { amount: 0 } });
    expect((await without.retrieve(question, 3)).hits[0]!.payload.source_path).toBe('overview.md');
    const result = await createHybridRetriever(embedder, store).retrieve(question, 3);
    expect(result.hits[0]!.payload.source_path).toBe('anatomy.md');
  });
});
