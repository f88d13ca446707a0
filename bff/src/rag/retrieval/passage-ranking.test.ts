import { describe, expect, it } from 'vitest';
import { chunkPayload as payload } from '../../../test/support/chunks.js';
import { LocalEmbedder } from '../local/local-embedder.js';
import type { ChunkPayload } from '../types.js';
import { createHybridRetriever, type PassageWeights } from './hybrid-retriever.js';
import { InMemoryVectorStore } from './in-memory-store.js';
import { proseShare } from './passage-signals.js';

const embedder = new LocalEmbedder(128);

/** The rest of a book: sections that share none of the words asked about. */
const FILLER = ['walking', 'grasping', 'vision', 'planning', 'batteries', 'motors', 'safety', 'learning']
  .flatMap((word) => ['basics', 'history', 'limits', 'practice'].map((part) => `${word} ${part}`))
  .map((words, i) =>
    payload(`part-${i}.md`, [words, 'Overview'], `This part covers ${words} for humanoid robots.`),
  );

async function retrieverWith(chunks: ChunkPayload[], passage: Partial<PassageWeights> = {}) {
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
  return createHybridRetriever(embedder, store, { passage });
}

const topId = async (r: Awaited<ReturnType<typeof retrieverWith>>, question: string) =>
  (await r.retrieve(question, 3)).hits[0]!.id;

describe('proseShare', () => {
  it.each([
    ['Plain prose only.', 1],
    ['```bash\nros2 service list\n```', 0],
    ['$$\nx = y\n$$', 1],
  ])('when a chunk is %j, then its prose share is %d', (text, share) => {
    expect(proseShare(text)).toBe(share);
  });

  it('when a chunk mixes prose and code, then the share lies between', () => {
    const share = proseShare('List the services:\n\n```bash\nros2 service list\n```');
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);
  });
});

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

  // A command listing that names services on every line, and the prose that says what one is.
  const services = [
    payload(
      'tools.md',
      ['ROS 2 tools', 'Service command-line tools'],
      '```bash\n# list services\nros2 service list\n# call a service\nros2 service call /reset std_srvs/srv/Empty\n```',
    ),
    payload(
      'comms.md',
      ['Communication', 'Services'],
      'Services in ROS 2 provide synchronous, one-to-one calls: a client sends a service request and waits for the response.',
    ),
  ];

  it('when the question asks for no code, then a chunk of code ranks below prose on the same subject, and both are kept', async () => {
    // Not a definition: the chunk headed by the term would lead "What is a service?" regardless.
    const question = 'Why use services in ROS 2?';
    expect(await topId(await retrieverWith(services, { code: 0 }), question)).toBe('tools.md#0');
    const hits = (await (await retrieverWith(services)).retrieve(question, 2)).hits.map((h) => h.id);
    expect(hits).toEqual(['comms.md#0', 'tools.md#0']);
  });

  it.each([
    'How do I call a service in ROS 2?',
    'What is the command for a service call in ROS 2?',
    'What does `ros2 service call` do?',
    'What does serviceCall return in ROS 2?',
  ])('when the question asks for code or names it (%s), then code is not held back', async (question) => {
    const scoreOf = async (passage: Partial<PassageWeights>) =>
      (await (await retrieverWith(services, passage)).retrieve(question, 3)).hits.find(
        (h) => h.id === 'tools.md#0',
      )?.score;
    expect(await scoreOf({})).toBe(await scoreOf({ code: 0 }));
  });

  it('when code the question did not ask for would fall out of the results, then it stays in and only moves down', async () => {
    // One result asked for: the code chunk is the best match, so the penalty cannot drop it for a
    // chunk that was not chosen. (Asked as a question that wants no definition: "What is a service
    // …?" is answered by the section headed by the term, whatever was chosen; see below.)
    const hits = (await (await retrieverWith(services)).retrieve('Why use a service in ROS 2?', 1)).hits;
    expect(hits.map((h) => h.id)).toEqual(['tools.md#0']);
  });

  it('when a long code block the chunker cut into pieces outranks the prose, then one piece keeps its place and the prose that holds the question’s words comes before the others', async () => {
    const pieces = [0, 1, 2].map((i) =>
      payload(
        'tools.md',
        ['ROS 2 tools', 'Service scripts'],
        `\`\`\`bash\n# services part ${i + 1}: call every service, then list the services again\nros2 service call /reset_${i} std_srvs/srv/Empty\nros2 service list\nros2 service type /reset_${i}\n\`\`\``,
        i,
      ),
    );
    const prose = payload(
      'comms.md',
      ['Communication', 'Calls'],
      'Use services in ROS 2 when a node needs an answer before it goes on.',
    );
    const hits = (await (await retrieverWith([...pieces, prose])).retrieve('Why use services in ROS 2?', 3))
      .hits;
    const ids = hits.map((h) => h.id);
    expect(ids).toContain('comms.md#0');
    expect(ids.filter((id) => id.startsWith('tools.md'))).toHaveLength(2);
    expect(ids[0]!.startsWith('tools.md') ? ids[1] : ids[0]).toBe('comms.md#0');
  });

  it('when a definition is asked for in words the book uses everywhere ("a service in ROS 2"), then the section headed by the term leads even at one result', async () => {
    const hits = (await (await retrieverWith(services)).retrieve('What is a service in ROS 2?', 1)).hits;
    expect(hits.map((h) => h.id)).toEqual(['comms.md#0']);
  });

  // A book named after its subject: every section says "Redwood", so no heading or definition of
  // it is telling, and the section that says what Redwood is must still lead.
  const redwood = [
    payload(
      'intro.md',
      ['Redwood guide', 'What is Redwood?'],
      'Redwood is a framework for full-stack web applications with one set of conventions.',
    ),
    payload(
      'intro.md',
      ['Redwood guide', 'What is Redwood?', 'Redwood compared with Rails'],
      'Redwood borrows generators from Rails. A Redwood app is a Redwood API side and a Redwood web side, where Rails has one.',
      1,
    ),
    ...['routing', 'cells', 'forms', 'testing', 'deploying'].map((topic, i) =>
      payload(
        `${topic}.md`,
        ['Redwood guide', topic],
        `Each page of the app declares its ${topic} in one file, which the command line checks before every build of Redwood.`,
        i,
      ),
    ),
  ];

  it("when the question's subject names the whole book, then the section whose own heading is the question leads", async () => {
    // Asked as "what is it" after the name, the question is no definition (the chunk that says what
    // Redwood is would lead it regardless): only the heading that is the question decides.
    const question = 'Redwood, what is it?';
    expect(await topId(await retrieverWith(redwood, { ownHeading: 0 }), question)).toBe('intro.md#1');
    expect(await topId(await retrieverWith(redwood), question)).toBe('intro.md#0');
    expect(await topId(await retrieverWith(redwood), 'What is Redwood?')).toBe('intro.md#0');
  });

  // A middleware section that says "service" in every sentence, and the section headed by the term.
  const dds = [
    payload(
      'ros2.md',
      ['ROS 2 fundamentals', 'Middleware'],
      'ROS 2 uses the Data Distribution Service (DDS) as its middleware. The Data Distribution Service delivers every message, topic and service call of ROS 2 through a service of its own.',
    ),
    payload(
      'ros2.md',
      ['ROS 2 fundamentals', 'Core concepts', 'Services (request-reply)'],
      'They provide synchronous, one-to-one communication: a client asks and waits for the reply.',
      1,
    ),
  ];

  it('when the chunk that says what the term is was chosen below others, then it leads them', async () => {
    const hits = (await (await retrieverWith(dds)).retrieve('what is a service in ros2', 3)).hits.map(
      (h) => h.id,
    );
    expect(hits).toContain('ros2.md#0');
    expect(hits[0]).toBe('ros2.md#1');
  });
});
