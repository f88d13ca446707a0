import { describe, expect, it } from 'vitest';
import { chunkPayload as payload } from '../../../test/support/chunks.js';
import { LocalEmbedder } from '../local/local-embedder.js';
import type { ChunkPayload } from '../types.js';
import { createHybridRetriever } from './hybrid-retriever.js';
import { InMemoryVectorStore } from './in-memory-store.js';
import { compoundPatterns, definedSubject, PassageScorer } from './passage-signals.js';
import { contentTerms } from './terms.js';

describe('definedSubject', () => {
  it.each([
    ['A topic is a named, typed channel for a stream of messages.', 'A topic'],
    [
      'The zero moment point (ZMP) is the point where the net moment vanishes.',
      'The zero moment point (ZMP)',
    ],
    ['Reducers are functions that take the state and an action.', 'Reducers'],
    ['**Odometry**: estimating motion from wheel encoders.', 'Odometry'],
    ['- Sensor Fusion: Combining sensors for accuracy.', 'Sensor Fusion'],
    [
      'DDS (Data Distribution Service) refers to the middleware underneath.',
      'DDS (Data Distribution Service)',
    ],
  ])('when a sentence defines a term (%s), then the term is its subject', (sentence, subject) => {
    expect(definedSubject(sentence)).toBe(subject);
  });

  it.each([
    'When the robot falls over on uneven ground, it is usually because the controller saturated.',
    'It is a set of libraries and tools.',
    'This is why the gyroscope drifts.',
    'Run the launch file and watch the output in the terminal window for a while.',
  ])('when a sentence is not a definition (%s), then it defines nothing', (sentence) => {
    expect(definedSubject(sentence)).toBeUndefined();
  });
});

describe('compoundPatterns and PassageScorer.compoundShare', () => {
  const scorer = new PassageScorer();
  const chunk = (text: string) => payload('a.md', ['Ecosystem'], text);

  it('when a chunk writes the compound whole, in any case or with a space or underscore, then it holds it', () => {
    const patterns = compoundPatterns('Should I use redux-saga or node_modules caching?');
    expect(patterns).toHaveLength(2);
    expect(scorer.compoundShare(chunk('Redux-Saga and node_modules are both named.'), patterns)).toBe(1);
    expect(scorer.compoundShare(chunk('redux saga runs generators.'), patterns)).toBe(0.5);
    expect(scorer.compoundShare(chunk('redux_saga runs generators.'), patterns)).toBe(0.5);
    expect(scorer.compoundShare(chunk('redux-saga-test-plan tests it.'), patterns)).toBe(0.5);
  });

  it('when a chunk has the parts apart or inside longer words, then it does not hold the compound', () => {
    const patterns = compoundPatterns('What is redux-saga for?');
    expect(scorer.compoundShare(chunk('Redux apps may run a saga beside the store.'), patterns)).toBe(0);
    expect(scorer.compoundShare(chunk('Redux sagas run beside the store.'), patterns)).toBe(0);
    expect(scorer.compoundShare(chunk('xredux-saga is another package.'), patterns)).toBe(0);
    expect(compoundPatterns('What is a saga in Redux?')).toEqual([]);
  });

  it('when the question names a dotted file or package name, then a chunk writing it holds it, and numbers and sentence ends are no compounds', () => {
    const patterns = compoundPatterns('What is the downside of Immutable.js? Is prettier.config.ts read.');
    expect(patterns).toHaveLength(2);
    expect(scorer.compoundShare(chunk('Avoid Immutable.js for state.'), patterns)).toBe(0.5);
    expect(scorer.compoundShare(chunk('Name it prettier.config.ts in the root.'), patterns)).toBe(0.5);
    expect(scorer.compoundShare(chunk('State is immutable. JS objects are plain.'), patterns)).toBe(0);
    expect(compoundPatterns('Does ROS 2.5 run on Redux. It does.')).toEqual([]);
  });
});

describe('PassageScorer.cooccurs', () => {
  const scorer = new PassageScorer();
  const fix = payload(
    'setup.md',
    ['Workspace setup', 'Troubleshooting', 'Issue 2: Gazebo crashes with "libGL error"'],
    '**Solution**: Install GPU drivers or use software rendering\n\n```bash\nexport LIBGL_ALWAYS_SOFTWARE=1\n```',
  );

  it('when the chunk’s own heading holds the name and a word asked about it, then they meet', () => {
    expect(scorer.cooccurs(fix, 'libgl', ['crash', 'start'])).toBe(true);
  });

  it('when only a heading above the chunk holds the other word, then the heading alone is no meeting', () => {
    const list = payload(
      'robots.md',
      ['Unitree G1', 'Cost of the sensors'],
      'Cameras and lidars are listed below.\n\n```text\nitem\n```',
    );
    expect(scorer.cooccurs(list, 'g1', ['cost'])).toBe(false);
    expect(scorer.cooccurs(fix, 'libgl', ['driver'])).toBe(true);
    expect(scorer.cooccurs(fix, 'gazebo', ['workspac'])).toBe(false);
  });
});

describe('PassageScorer', () => {
  const idf = () => 1;
  const scorer = new PassageScorer();

  it('when the words asked about meet in one sentence, then the window covers them all, and not when scattered', () => {
    const terms = contentTerms('How does the IMU gyroscope drift?');
    const together = payload(
      'a.md',
      ['Sensors'],
      'Filler about cameras. The IMU gyroscope will drift slowly. More filler.',
    );
    const scattered = payload(
      'b.md',
      ['Sensors'],
      'The IMU is small. Cameras see colour. Lidar sees depth. A gyroscope spins. Encoders count. Things drift.',
    );
    expect(scorer.signals(together, terms, terms, idf).window).toBe(1);
    expect(scorer.signals(scattered, terms, terms, idf).window).toBeLessThan(1);
  });

  it('when the chunk defines the subject or its heading names it, then those signals are set', () => {
    const subject = contentTerms('topic');
    const chunk = payload('t.md', ['Nodes and topics', 'Topics'], 'A topic is a named channel for messages.');
    const other = payload('g.md', ['Gazebo', 'Bridge'], 'The bridge maps Gazebo topics to ROS 2 topics.');
    expect(scorer.signals(chunk, subject, subject, idf)).toMatchObject({ heading: 1, definition: 1 });
    expect(scorer.signals(other, subject, subject, idf)).toMatchObject({ heading: 0, definition: 0 });
  });

  it('when the own heading holds exactly the words asked, then it matches fully; extra words, or words only in the headings above, match less', () => {
    const terms = contentTerms('What is physical AI?');
    const own = payload('i.md', ['Introduction', 'What is Physical AI?'], 'Text.');
    const wider = payload(
      'i.md',
      ['Introduction', 'What is Physical AI?', 'Physical AI vs traditional AI'],
      'Text.',
      1,
    );
    const above = payload('i.md', ['Introduction', 'What is Physical AI?', 'History'], 'Text.', 2);
    expect(scorer.signals(own, terms, terms, idf).ownHeading).toBe(1);
    expect(scorer.signals(wider, terms, terms, idf).ownHeading).toBeCloseTo(0.8);
    expect(scorer.signals(above, terms, terms, idf).ownHeading).toBe(0);
  });

  it('when a section is an exercise, summary or objectives list, then it is an aside', () => {
    const asides = ['Exercises', 'Summary', 'Learning Objectives', 'References'];
    asides.forEach((heading, i) => {
      const chunk = payload('x.md', ['Chapter', heading], 'Explain topics.', i);
      expect(scorer.signals(chunk, [], [], idf).aside).toBe(true);
    });
    const content = payload('x.md', ['Chapter', 'Topics'], 'Explain topics.', asides.length);
    expect(scorer.signals(content, [], [], idf).aside).toBe(false);
  });
});

describe('hybrid retriever with passage signals', () => {
  const embedder = new LocalEmbedder(128);
  // Three chunks on one subject: the bridge mentions it most, the summary names it, one defines it.
  const chunks = [
    payload(
      'gazebo.md',
      ['Simulating robots', 'Running with ROS 2'],
      'The bridge maps Gazebo topics to ROS 2 topics one message type at a time.',
    ),
    payload(
      'ros.md',
      ['Nodes and topics', 'Summary'],
      '- ROS 2 nodes are programs; ROS 2 topics stream data between them.\n- Services are calls.',
      1,
    ),
    payload(
      'ros.md',
      ['Nodes and topics', 'Topics'],
      'In ROS 2, a topic is a named, typed channel for a stream of messages, where publishers send and subscribers receive.',
      2,
    ),
    payload('control.md', ['Control', 'PID'], 'A PID controller sums three terms of the error.'),
    payload('sensors.md', ['Sensors', 'IMU'], 'An IMU measures acceleration and rotation rate.'),
    // The rest of the book, all on ROS 2: only "topic" tells the sections apart.
    ...['walking', 'grasping', 'vision', 'planning', 'batteries', 'motors', 'safety', 'learning']
      .flatMap((word) => ['basics', 'history', 'limits', 'practice'].map((part) => `${word} ${part}`))
      .map((words, i) =>
        payload(
          `part-${i}.md`,
          [words, 'Overview'],
          `This part covers ${words} for humanoid robots on ROS 2.`,
        ),
      ),
  ];

  async function retrieverWith(passage?: {
    heading: number;
    definition: number;
    window: number;
    aside: number;
  }) {
    const store = new InMemoryVectorStore();
    await store.ensure({ embedder: embedder.id, dimensions: embedder.dimensions });
    const vectors = await embedder.embed(
      chunks.map((c) => c.text),
      'search_document',
    );
    await store.upsert(
      chunks.map((p, i) => ({ id: `${p.source_path}#${p.chunk_index}`, vector: vectors[i]!, payload: p })),
    );
    return createHybridRetriever(embedder, store, passage ? { passage } : {});
  }

  it('when a chunk defines what is asked, then it ranks above chunks that only mention it more often', async () => {
    const off = await retrieverWith({ heading: 0, definition: 0, window: 0, aside: 0 });
    const on = await retrieverWith();
    const top = async (r: Awaited<ReturnType<typeof retrieverWith>>, question: string) =>
      (await r.retrieve(question, 3)).hits[0]!.id;
    // Asked as no definition ("What is …?" is led by the chunk that says what it is regardless, see
    // hybrid-retriever definerFor), only the signals decide.
    expect(await top(off, 'How do ROS 2 topics work?')).not.toBe('ros.md#2');
    expect(await top(on, 'How do ROS 2 topics work?')).toBe('ros.md#2');
    expect(await top(on, 'What is a ROS 2 topic?')).toBe('ros.md#2');
    const scores = (await on.retrieve('What is a ROS 2 topic?', 5)).hits.map((h) => h.score);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  });
});

describe('abstention on names the book mentions without what is asked', () => {
  const embedder = new LocalEmbedder(128);
  const filler = ['walking', 'grasping', 'vision', 'planning', 'batteries', 'motors', 'safety', 'learning']
    .flatMap((word) => ['basics', 'history', 'limits', 'practice'].map((part) => `${word} ${part}`))
    .map((words, i) =>
      payload(`part-${i}.md`, [words, 'Overview'], `This part covers ${words} for humanoid robots.`),
    );

  async function retrieverWith(extra: ChunkPayload[]) {
    const chunks = [
      payload(
        'labs.md',
        ['Humanoids in labs', 'Platforms'],
        'Labs use platforms such as the Unitree G1 and the Agility Digit for research.',
      ),
      payload(
        'sensors.md',
        ['Sensors', 'LiDAR'],
        'A LiDAR costs between $1k and $10k, and its price keeps falling.',
      ),
      ...extra,
      ...filler,
    ];
    const store = new InMemoryVectorStore();
    await store.ensure({ embedder: embedder.id, dimensions: embedder.dimensions });
    const vectors = await embedder.embed(
      chunks.map((c) => c.text),
      'search_document',
    );
    await store.upsert(
      chunks.map((p, i) => ({ id: `${p.source_path}#${i}`, vector: vectors[i]!, payload: p })),
    );
    return createHybridRetriever(embedder, store);
  }

  it('when the book names the thing but never with what is asked about it, then it is not covered', async () => {
    const retriever = await retrieverWith([]);
    const result = await retriever.retrieve('How much does a Unitree G1 cost?', 5);
    expect(result.covered).toBe(false);
    expect(result.unknownNames).toEqual(expect.arrayContaining(['g1']));
  });

  it('when the book says it, or the question asks what the thing is, or the name is common, then it is covered', async () => {
    const priced = await retrieverWith([
      payload(
        'prices.md',
        ['Buying a humanoid', 'Prices'],
        'The Unitree G1 costs about $16k in its base version.',
      ),
    ]);
    expect((await priced.retrieve('How much does a Unitree G1 cost?', 5)).covered).toBe(true);
    const retriever = await retrieverWith([]);
    expect((await retriever.retrieve('What is the Unitree G1?', 5)).covered).toBe(true);
    expect((await retriever.retrieve('How much does a LiDAR cost?', 5)).covered).toBe(true);
  });

  it('when "how many" counts a unit in capitals, then the unit is what is asked of the name, not a name', async () => {
    const retriever = await retrieverWith([
      payload('compute.md', ['Compute', 'Boards'], 'The Jetson AGX Orin gives 275 TOPS; a Nano gives 40.'),
    ]);
    expect((await retriever.retrieve('How many TOPS does the Jetson AGX Orin deliver?', 5)).covered).toBe(
      true,
    );
    expect((await retriever.retrieve('How many TOPS does the Unitree G1 deliver?', 5)).covered).toBe(false);
  });

  // A book that names MuJoCo once, in passing, among simulators.
  const simulators = payload(
    'simulators.md',
    ['Simulators', 'Choices'],
    'Simulators such as MuJoCo and Gazebo model contacts.',
  );

  it('when a how-to names the thing and the book never says it with the rest of the how-to, then it is not covered', async () => {
    const retriever = await retrieverWith([
      simulators,
      payload(
        'gaits.md',
        ['Walking', 'Policies'],
        'A walking policy is trained with rewards for forward progress.',
      ),
    ]);
    const result = await retriever.retrieve('How do I train a walking policy in MuJoCo?', 5);
    expect(result.covered).toBe(false);
    expect(result.unknownNames).toEqual(['mujoco']);
  });

  it('when the book says the how-to with the name, or only its verb is missing, then it is covered', async () => {
    const said = await retrieverWith([
      simulators,
      payload(
        'gaits.md',
        ['Walking', 'Policies'],
        'In MuJoCo, a walking policy is trained with rewards for progress.',
      ),
    ]);
    expect((await said.retrieve('How do I train a walking policy in MuJoCo?', 5)).covered).toBe(true);
    // The how-to's verb is what the book paraphrases ("set up", "write the image to"), and "onto"
    // names nothing asked: neither is what the name must meet.
    const paraphrased = await retrieverWith([
      simulators,
      payload('deploy.md', ['Deploying', 'Jetson'], 'Write the system image to the Jetson Orin and boot it.'),
      payload('setup.md', ['Setup', 'Tools'], 'Install the tools before the course starts.'),
    ]);
    expect((await paraphrased.retrieve('How do I install MuJoCo?', 5)).covered).toBe(true);
    expect((await paraphrased.retrieve('How do I flash it onto the Jetson Orin?', 5)).covered).toBe(true);
  });
});
