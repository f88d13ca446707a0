import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../local/local-embedder.js';
import type { ChunkPayload } from '../types.js';
import { createHybridRetriever } from './hybrid-retriever.js';
import { InMemoryVectorStore } from './in-memory-store.js';

const embedder = new LocalEmbedder(128);

function payload(source_path: string, heading_path: string[], text: string, chunk_index = 0): ChunkPayload {
  return {
    text,
    title: heading_path[0]!,
    heading_path,
    url: `https://book.example.org/docs/${source_path}#${chunk_index}`,
    source_path,
    chunk_index,
    content_hash: `${source_path}#${chunk_index}`,
  };
}

/** The rest of a book: sections that share none of the words asked about. */
const FILLER = ['walking', 'grasping', 'vision', 'planning', 'batteries', 'motors', 'safety', 'learning']
  .flatMap((word) => ['basics', 'history', 'limits', 'practice'].map((part) => `${word} ${part}`))
  .map((words, i) =>
    payload(`part-${i}.md`, [words, 'Overview'], `This part covers ${words} for humanoid robots.`),
  );

async function retrieverWith(chunks: ChunkPayload[]) {
  const all = [...chunks, ...FILLER];
  const store = new InMemoryVectorStore();
  await store.ensure({ embedder: embedder.id, dimensions: embedder.dimensions });
  const vectors = await embedder.embed(
    all.map((c) => c.text),
    'search_document',
  );
  await store.upsert(
    all.map((p, i) => ({ id: `${p.source_path}#${p.chunk_index}`, vector: vectors[i]!, payload: p })),
  );
  return createHybridRetriever(embedder, store);
}

const topId = async (r: Awaited<ReturnType<typeof retrieverWith>>, question: string) =>
  (await r.retrieve(question, 3)).hits[0]!.id;

describe('passage ranking rules', () => {
  // An exercise whose heading names the subject, and the section that says what it is.
  const realityGap = [
    payload(
      'sim.md',
      ['Simulation', 'Exercises', 'Exercise 1: Reality gap analysis'],
      'You train a policy in simulation. Task: measure the reality gap of your policy and list three causes of the gap.',
    ),
    payload(
      'sim.md',
      ['Simulation', 'Transfer to hardware'],
      'A policy trained in simulation transfers when the reality gap, the difference between simulated and real physics, stays small.',
      1,
    ),
  ];

  it('when an exercise names the subject in its heading, then it earns no heading bonus and the content section leads', async () => {
    expect(await topId(await retrieverWith(realityGap), 'What is the reality gap?')).toBe('sim.md#1');
  });
});
