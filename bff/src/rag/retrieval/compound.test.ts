import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../local/local-embedder.js';
import type { ChunkPayload } from '../types.js';
import { interleave, questionParts } from './compound.js';
import { createHybridRetriever } from './hybrid-retriever.js';
import { InMemoryVectorStore } from './in-memory-store.js';

describe('questionParts', () => {
  it.each([
    [
      'What is a ROS 2 topic and how do I publish on one?',
      ['What is a ROS 2 topic', 'how do I publish on one?'],
    ],
    ['What is DDS? Why does ROS 2 use it?', ['What is DDS?', 'Why does ROS 2 use it?']],
    [
      'What arguments does createStore take, and what does it return?',
      ['What arguments does createStore take', 'what does it return?'],
    ],
  ])('when "%s" asks two things, then each is a part', (question, parts) => {
    expect(questionParts(question)).toEqual(parts);
  });

  it.each([
    'How do sensors and actuators work?',
    'What is the difference between a topic and a service?',
    'What GPU and how much VRAM does Isaac Sim need?',
    'What does VSLAM stand for and what does it do',
    'What is SLAM?',
    'Why? And how?',
  ])('when "%s" asks one thing (or a part names nothing of its own), then it stays whole', (question) => {
    expect(questionParts(question)).toEqual([question]);
  });
});

describe('interleave', () => {
  it('when lists overlap, then each part leads in turn and every id appears once', () => {
    const ids = (...xs: string[]) => xs.map((id) => ({ id }));
    expect(interleave([ids('a', 'b', 'c'), ids('x', 'a', 'y'), ids('b', 'z')], 5)).toEqual(
      ids('a', 'x', 'b', 'z', 'c'),
    );
  });
});

const embedder = new LocalEmbedder(128);

function payload(source_path: string, text: string): ChunkPayload {
  return {
    text,
    title: source_path,
    heading_path: [source_path],
    url: `https://book.example.org/docs/${source_path}`,
    source_path,
    chunk_index: 0,
    content_hash: source_path,
  };
}

// Four pages on the gyroscope, one on Gazebo, one on URDF: a two-part question's first part fills the top.
const PAGES = [
  payload('imu.md', 'The gyroscope of an IMU drifts over time, so the estimated heading slowly wanders.'),
  payload(
    'drift.md',
    'Gyroscope drift: integrating a biased rate makes the heading wander; a magnetometer corrects the heading.',
  ),
  payload('fusion.md', 'Fusing the gyroscope with a compass bounds the heading drift of the gyroscope.'),
  payload(
    'bias.md',
    'A gyroscope bias of one degree per hour makes the heading drift by a degree each hour.',
  ),
  payload(
    'gazebo.md',
    'Gazebo simulates contacts between rigid bodies with a physics engine such as ODE or DART.',
  ),
  payload('urdf.md', 'URDF describes the links and joints of a robot in XML; xacro adds macros to it.'),
];

async function retriever() {
  const store = new InMemoryVectorStore();
  await store.ensure({ embedder: embedder.id, dimensions: embedder.dimensions });
  await store.upsert(
    PAGES.map((p) => ({ id: p.source_path, vector: embedder.embedOne(p.text), payload: p })),
  );
  return createHybridRetriever(embedder, store);
}

describe('compound questions in retrieval', () => {
  it('when a question asks two things, then the best passage of each part is among the top results', async () => {
    const result = await (
      await retriever()
    ).retrieve(
      'Why does a gyroscope bias make the heading drift each hour, and how does Gazebo simulate contacts?',
      2,
    );
    expect(result.hits.map((h) => h.payload.source_path)).toEqual(['bias.md', 'gazebo.md']);
    expect(result.covered).toBe(true);
  });

  it('when each part of a compound is answered, then it is covered and the page of each part is among the first', async () => {
    const r = await retriever();
    const question = 'What is xacro? What is ODE? What corrects a magnetometer heading?';
    for (const part of questionParts(question)) expect((await r.retrieve(part, 5)).covered).toBe(true);
    const result = await r.retrieve(question, 5);
    expect(result.covered).toBe(true);
    expect(result.hits.slice(0, 3).map((h) => h.payload.source_path)).toEqual(
      expect.arrayContaining(['urdf.md', 'gazebo.md', 'drift.md']),
    );
  });

  it('when one part names something the book never mentions and the whole is not covered, then it is declined', async () => {
    const result = await (
      await retriever()
    ).retrieve('What is xacro? What is Zustand? What is a Dynamixel?', 5);
    expect(result.covered).toBe(false);
    expect(result.unknownNames).toEqual(expect.arrayContaining(['zustand', 'dynamixel']));
  });
});
