import { describe, expect, it } from 'vitest';
import { NOT_COVERED_MESSAGE } from '../not-covered.js';
import { buildPersona } from '../personalize/persona.js';
import type { GenerateEvent, GenerateInput, Level, SearchHit } from '../types.js';
import { ExtractiveGenerator, deltas } from './extractive-generator.js';

const ZMP = `The zero moment point (ZMP) is the point on the ground where the gravity and inertia forces of the robot have no horizontal moment.
A walking humanoid stays balanced while the ZMP remains inside the support polygon of its feet.

For a point mass at height $z_c$ on a flat floor, the ZMP is:

$$
p_x = x_c - \\frac{z_c}{g}\\ddot{x}_c
$$

Walking controllers plan the centre of mass so that the ZMP never leaves the foot, using a preview horizon of about 1.6 s.

\`\`\`python
def zmp(x_c: float, z_c: float, xdd: float, g: float = 9.81) -> float:
    return x_c - z_c / g * xdd
\`\`\``;

const SUPPORT = `The support polygon is the convex hull of every point where the robot touches the ground.
With both feet down the polygon is large; during a step it shrinks to one foot, which is why single support is the risky phase of walking.
Reinforcement learning policies for humanoid walking learn to keep the ZMP inside this polygon without an explicit model.`;

function hit(text: string, path: string, score = 0.8): SearchHit {
  return {
    id: path,
    score,
    payload: {
      text,
      title: path,
      heading_path: [path],
      url: `https://book.example.org/docs/${path}`,
      source_path: `${path}.md`,
      chunk_index: 0,
      content_hash: path,
    },
  };
}

const DOCS = [hit(ZMP, 'zmp'), hit(SUPPORT, 'support-polygon', 0.6)];

function input(
  level: Level | null,
  overrides: Partial<GenerateInput> = {},
  interests: string[] = [],
): GenerateInput {
  const persona = buildPersona({
    userId: level ? 'u1' : null,
    profile: level ? { software_experience: level, hardware_experience: 'None', interests } : null,
  });
  return {
    query: 'What is the zero moment point and how does it keep a robot balanced?',
    persona,
    documents: DOCS,
    ...overrides,
  };
}

async function run(generateInput: GenerateInput, signal?: AbortSignal) {
  const events: GenerateEvent[] = [];
  for await (const event of new ExtractiveGenerator().generate(generateInput, signal)) events.push(event);
  const done = events.at(-1);
  if (done?.type !== 'done') throw new Error('no done event');
  return { events, done };
}

describe('extractive generator', () => {
  it.each(['Beginner', 'Advanced', null] as const)(
    'when a %s reader’s caller reads only done, then the answer comes whole with no deltas, the same as streamed',
    async (level) => {
      const streamed = await run(input(level));
      const whole = await run(input(level, { deltas: false }));
      expect(streamed.events.filter((e) => e.type === 'delta').length).toBeGreaterThan(1);
      expect(whole.events).toEqual([streamed.done]);
    },
  );

  it('when the book says how rare each query word is, then the sentence holding the rare word leads the answer', async () => {
    const docs = [
      hit(
        'A launch file describes which nodes start, with their parameters. Launch files can be Python or XML.',
        'launch',
      ),
      hit(
        'Each robot model written in URDF lists its links joined by joints. Each link may have visual and collision parts.',
        'urdf',
        0.7,
      ),
    ];
    const query = 'What does a URDF file describe?';
    const weighted = await run(
      input(null, { query, documents: docs, termWeights: { urdf: 3.2, file: 0.4, describ: 1.1 } }),
    );
    expect(weighted.done.text).toMatch(/^Each robot model written in URDF/);
  });

  it.each(['Beginner', 'Intermediate', 'Advanced', null] as const)(
    'when a %s reader asks what something is, then the answer opens with the book’s definition of it',
    async (level) => {
      const { done } = await run(input(level, { query: 'What is the zero moment point?' }));
      expect(done.answered).toBe(true);
      expect(done.text).toMatch(
        /^(?:Words to know:[\s\S]*?\n\n)?The zero moment point \(ZMP\) is the point on the ground/,
      );
    },
  );

  it('when the question asks how many, then the sentence with the number leads', async () => {
    const { done } = await run(
      input(null, { query: 'How long is the preview horizon of a walking controller?' }),
    );
    expect(done.text).toMatch(/^Walking controllers plan the centre of mass .* about 1\.6 s/);
  });

  it('when the question asks why, then the sentence giving the cause leads', async () => {
    const { done } = await run(input(null, { query: 'Why is single support risky for a walking robot?' }));
    expect(done.text).toMatch(
      /^With both feet down the polygon is large; during a step it shrinks to one foot, which is why/,
    );
  });

  it('when the question asks how to do something, then the numbered steps lead, in order and whole, after their lead-in', async () => {
    const steps = hit(
      'To build the workspace:\n\n1. Source the ROS 2 setup file.\n2. Run colcon build in the workspace.\n3. Source install/setup.bash.\n\nColcon is the ROS 2 build tool.',
      'build',
    );
    const { done } = await run(
      input(null, { query: 'How do I build a ROS 2 workspace?', documents: [steps] }),
    );
    expect(done.text).toMatch(
      /^To build the workspace \[1\]:\n1\. Source the ROS 2 setup file\.\n2\. Run colcon build in the workspace\.\n3\. Source install\/setup\.bash\./,
    );
  });

  it('when a comparison has a table, then an advanced answer shows it as a Markdown table', async () => {
    const table = hit(
      'Topics and services differ in direction.\n\nPattern | Direction | Typical use\nTopic | many-to-many | sensor streams\nService | request/reply | settings',
      'patterns',
    );
    const { done } = await run(
      input('Advanced', {
        query: 'What is the difference between a topic and a service?',
        documents: [table],
      }),
    );
    expect(done.text).toContain(
      '| Pattern | Direction | Typical use |\n| --- | --- | --- |\n| Topic | many-to-many | sensor streams |',
    );
  });

  it('when a beginner asks for a comparison answered by a table, then each side’s row is said in words', async () => {
    const table = hit(
      'Topics and services differ in direction.\n\nPattern | Direction | Typical use\nTopic | many-to-many | sensor streams\nService | request/reply | settings',
      'patterns',
    );
    const { done } = await run(
      input('Beginner', {
        query: 'What is the difference between a topic and a service?',
        documents: [table],
      }),
    );
    expect(done.text).toContain('For Topic, Direction: many-to-many; Typical use: sensor streams.');
    expect(done.text).toContain('For Service, Direction: request/reply; Typical use: settings');
    expect(done.text).not.toContain('| --- |');
  });

  it('when passages hold exercises, objectives, summaries, references or captions, then none of it is quoted', async () => {
    const material = [
      hit(
        'Figure 2: A ZMP diagram of the zero moment point.\n\nThe zero moment point must stay inside the support polygon.',
        'zmp-fig',
      ),
      {
        ...hit(
          'Compute the zero moment point for a standing robot. Measure the zero moment point while walking.',
          'zmp-ex',
        ),
        payload: {
          ...hit('', 'x').payload,
          text: 'Compute the zero moment point for a standing robot. Measure the zero moment point while walking.',
          heading_path: ['Balance', 'Exercises'],
          url: 'https://book.example.org/docs/x#ex',
        },
      },
      {
        ...hit('', 'y'),
        payload: {
          ...hit('', 'y').payload,
          text: 'In this chapter you learned what the zero moment point is.',
          heading_path: ['Balance', 'Summary'],
          url: 'https://book.example.org/docs/y#sum',
        },
      },
      hit(
        'Vukobratović, M. (2004). Zero-moment point: thirty five years of its life. Int. J. Humanoid Robotics.\n\nIn the next chapter we will use the zero moment point to plan steps.',
        'zmp-refs',
      ),
    ];
    for (const level of ['Beginner', 'Advanced', null] as const) {
      const { done } = await run(
        input(level, { query: 'What is the zero moment point?', documents: material }),
      );
      expect(done.text).toContain('The zero moment point must stay inside the support polygon');
      expect(done.text).not.toMatch(/Figure 2|Compute the|Measure the|you learned|Vukobratovi|next chapter/);
    }
  });

  it('when the passages hold nothing that may be quoted (exercises, a piece of a cut code block), then every level says the book does not cover it and links the sections, rather than answering with nothing', async () => {
    const exercise = {
      ...hit('', 'ex'),
      payload: {
        ...hit('', 'ex').payload,
        text: 'Compute the zero moment point for a standing robot. Measure the zero moment point while walking.',
        heading_path: ['Balance', 'Exercises'],
        url: 'https://book.example.org/docs/balance#exercises',
      },
    };
    const cutCode = hit(
      '```python\nclass ZeroMomentPoint:\n    def __init__(self):\n        self.x = 0.0\n```',
      'zmp-code',
      0.7,
    );
    for (const level of ['Beginner', 'Intermediate', 'Advanced', null] as const) {
      const { done } = await run(
        input(level, { query: 'What is the zero moment point?', documents: [exercise, cutCode] }),
      );
      expect(done.answered, String(level)).toBe(false);
      expect(done.text, String(level)).toMatch(/^The book does not cover this\. The nearest sections are:/);
      expect(done.text, String(level)).toContain('(https://book.example.org/docs/balance#exercises)');
      expect(done.citations, String(level)).toEqual([]);
    }
  });

  it('when a list item answers, then every level leads with the list whole, after the sentence that introduces it', async () => {
    const rules = hit(
      'Reducers are functions.\n\nA slice reducer passed to the combining helper must follow these rules:\n\n- It must never return undefined.\n- It must return the initial state when the state given to it is undefined.\n\nMost apps combine several slice reducers.',
      'rules',
    );
    const other = hit(
      'A slice reducer handles one part of the state, and rules about naming are up to you.',
      'naming',
      0.7,
    );
    for (const level of ['Beginner', 'Advanced', null] as const) {
      const { done } = await run(
        input(level, { query: 'Can a slice reducer return undefined?', documents: [rules, other] }),
      );
      expect(done.text).toMatch(
        /(?:^|\n\n)A slice reducer passed to the combining helper must follow these rules \[1\]:\n- It must never return undefined\.\n- It must return the initial state/,
      );
    }
  });

  it('when a short heading line alone before a list names what its items are about, then it introduces the list at every level, ending with a colon', async () => {
    // Sub-headings below the chunk's own heading reach the writer as lines of text.
    const instances = hit(
      'AWS offers several GPU instance families.\n\nG5 Instance Family\n\n- GPU Type: NVIDIA A10G GPUs\n- Use case: graphics and inference\n\nOther GPU Options\n\n- P3 Instances: NVIDIA V100 GPUs for training\n- G4 Instances: NVIDIA T4 GPUs for graphics',
      'cloud',
    );
    for (const level of ['Beginner', 'Advanced', null] as const) {
      const { done } = await run(
        input(level, { query: 'Which GPU type does the G5 instance family use?', documents: [instances] }),
      );
      expect(done.text, String(level)).toMatch(
        /(?:^|\n\n)G5 Instance Family \[1\]:\n- GPU Type: NVIDIA A10G GPUs/,
      );
    }
  });

  it('when a table answers on its own, then it is introduced by its section’s name, or as a table, never followed by a lone marker', async () => {
    const table = (heading: string) => {
      const h = hit('| Default | CLI Override |\n| --- | --- |\n| `80` | `--print-width <int>` |', 'options');
      return { ...h, payload: { ...h.payload, heading_path: ['Options', heading] } };
    };
    const asked = (heading: string) =>
      run(input('Advanced', { query: 'What is the default print width?', documents: [table(heading)] }));
    expect((await asked('Print Width')).done.text).toMatch(
      /^Print Width \[1\]:\n\n\| Default \| CLI Override \|/,
    );
    expect((await asked('Layout')).done.text).toMatch(/^Table \[1\]:\n\n\| Default \| CLI Override \|/);
    expect((await asked('Print Width')).done.text).not.toMatch(/\n\[1\]$/);
  });

  it('when an item of an introduced list supports the answer, then it is said with its lead-in, never alone', async () => {
    const docs = [
      hit('A reducer takes the state and an action, and returns the next state of the reducer.', 'reducer'),
      hit(
        'Slice reducers must follow these rules:\n\n- They must never return undefined.\n- They must be pure, with no side effects, no API calls and no random values, every time.\n- They must not mutate the state they are given, whatever the action is, and so on.\n- They must handle unknown actions.\n- They must name their slice.\n- They must be small.\n- They must be tested.',
        'rules',
        0.7,
      ),
    ];
    const { done } = await run(input('Advanced', { query: 'What does a reducer return?', documents: docs }));
    expect(done.text).toMatch(/^A reducer takes the state/);
    expect(done.text).toContain(
      'Slice reducers must follow these rules: They must never return undefined [2].',
    );
  });

  it('when a beginner asks how to install something, then the short command that does it is in the answer, whole', async () => {
    const doc = hit(
      'The toolkit is available as a package on NPM:\n\n```bash\nnpm install @example/toolkit\n```\n\nIt includes the core library.',
      'install',
    );
    for (const level of ['Beginner', 'Advanced', null] as const) {
      const { done } = await run(input(level, { query: 'How do I install the toolkit?', documents: [doc] }));
      expect(done.text).toContain('```bash\nnpm install @example/toolkit\n```');
    }
  });

  it('when a beginner asks how to do something the book answers with a parameter file, then the file is left out', async () => {
    const doc = hit(
      'Gains are parameters, typically in a YAML file:\n\n```yaml\ncontroller:\n  gains: {p: 120.0}\n```\n\nA PID controller is the most widely used feedback controller.',
      'gains',
    );
    const beginner = await run(
      input('Beginner', { query: 'How do I tune the controller gains?', documents: [doc] }),
    );
    expect(beginner.done.text).not.toContain('```');
    const advanced = await run(
      input('Advanced', { query: 'How do I tune the controller gains?', documents: [doc] }),
    );
    expect(advanced.done.text).toContain('```yaml\ncontroller:\n  gains: {p: 120.0}\n```');
  });

  it('when several items of one introduced list support the answer, then their lead-in is said once', async () => {
    const docs = [
      hit('A reducer takes the state and an action, and returns the next state.', 'reducer'),
      hit(
        'Slice reducers must follow these rules:\n\n- They must never return undefined for the state.\n- They must return the state when the action is unknown.\n- They must be pure, with no side effects, no API calls and no random values, every time.\n- They must not mutate the state they are given, whatever the action is.\n- They must name their slice.\n- They must be small.\n- They must be tested.',
        'rules',
        0.7,
      ),
    ];
    const { done } = await run(
      input('Advanced', { query: 'What state does a reducer return?', documents: docs }),
    );
    expect(done.text.match(/Slice reducers must follow these rules/g)).toHaveLength(1);
    expect(done.text).toContain(
      'Slice reducers must follow these rules: They must never return undefined for the state; They must return the state when the action is unknown',
    );
  });

  it('when a section’s heading names the subject, then its “Definition:” line is the definition that leads', async () => {
    const section = (text: string, heading: string, path: string, score: number): SearchHit => {
      const h = hit(text, path, score);
      return { ...h, payload: { ...h.payload, heading_path: ['Chapter 2: Embodied Intelligence', heading] } };
    };
    const docs = [
      section(
        'Passive walkers show that computation can happen in the body.\n\nComputational cost of such control is near zero.',
        '2.3 Passive Dynamic Walkers',
        'walkers',
        0.8,
      ),
      section(
        'Definition: Using body structure to simplify or eliminate control complexity.',
        '2.2 Morphological Computation',
        'morphology',
        0.75,
      ),
    ];
    for (const level of ['Advanced', null] as const) {
      const { done } = await run(
        input(level, { query: 'What is morphological computation?', documents: docs }),
      );
      expect(done.text).toMatch(/(?:^|\n\n)Definition: Using body structure to simplify/);
    }
    // A Beginner reads the label as the sentence it stands for, the book's words kept.
    const { done } = await run(
      input('Beginner', { query: 'What is morphological computation?', documents: docs }),
    );
    expect(done.text).toMatch(/(?:^|\n\n)Morphological Computation means using body structure to simplify/);
  });

  it('when the question’s own name holds a number, then that number is not taken for the quantity asked', async () => {
    const docs = [
      hit('RT-2 outputs each action as text tokens, like words.', 'tokens'),
      hit('Each continuous dimension is discretized into 256 bins.', 'bins', 0.7),
    ];
    const { done } = await run(
      input(null, { query: 'How many bins does RT-2 use for each action dimension?', documents: docs }),
    );
    expect(done.text).toMatch(/^Each continuous dimension is discretized into 256 bins/);
  });

  it('when the question asks how long, then the number that is a duration leads over other numbers', async () => {
    const docs = [
      hit(
        'A real grasp policy is validated on 500 episodes. A real grasp lasts 30 seconds, 8 days for all of them.',
        'grasps',
      ),
    ];
    const { done } = await run(
      input(null, { query: 'How long would 10,000 real grasps take?', documents: docs }),
    );
    expect(done.text).toMatch(/^A real grasp lasts 30 seconds, 8 days/);
  });

  it('when the reader is a beginner, then the answer has no code or display formula, and the formula it needs is said in words', async () => {
    const { done } = await run(input('Beginner', { query: 'How is the ZMP of a point mass computed?' }));
    expect(done.text).not.toMatch(/```|\$\$/);
    expect(done.text).toMatch(/divided by/);
  });

  // A long sentence on balance, and a glossary entry for the term it uses.
  const balance = [
    hit(
      'A humanoid keeps its balance by keeping the ZMP inside the support polygon, which is why a controller watches both feet, and it replans a step when the ZMP drifts toward an edge.',
      'balance',
    ),
    hit('**Support polygon**: the area on the ground under and between the feet.', 'glossary', 0.3),
  ];

  it('when the reader is a beginner, then long sentences are split and the terms the answer uses are defined first', async () => {
    const { done } = await run(
      input('Beginner', { query: 'How does a humanoid keep its balance?', documents: balance }),
    );
    expect(done.text).toMatch(
      /^Words to know:\n- \*\*Support polygon\*\*: the area on the ground under and between the feet\./,
    );
    const answer = done.text.split('\n\n').at(-1)!;
    expect(answer).toContain('A humanoid keeps its balance by keeping the ZMP inside the support polygon.');
    for (const sentence of answer.split(/(?<=[.!?])\s+/))
      expect(sentence.split(/\s+/).length).toBeLessThanOrEqual(16);
  });

  it('when a glossary entry names its term with the expansion in parentheses, then a beginner reads the term and expansion once, before the meaning', async () => {
    const docs = [
      hit('A humanoid keeps its balance by keeping the ZMP inside the support polygon.', 'balance'),
      hit('**Support polygon (SP)**: the area on the ground under and between the feet.', 'glossary', 0.3),
    ];
    const { done } = await run(
      input('Beginner', { query: 'How does a humanoid keep its balance?', documents: docs }),
    );
    expect(done.text).toMatch(
      /^Words to know:\n- \*\*Support polygon \(SP\)\*\*: the area on the ground under and between the feet\./,
    );
  });

  it('when an earlier answer of the conversation already gave a term among its words to know, then a follow-up does not define it again, while a new conversation does', async () => {
    const first = (
      await run(input('Beginner', { query: 'How does a humanoid keep its balance?', documents: balance }))
    ).done.text;
    expect(first).toMatch(/^Words to know:\n- \*\*Support polygon\*\*:/);
    const followUp = { query: 'And when does it replan a step?', documents: balance };
    const history = [
      { role: 'user' as const, content: 'How does a humanoid keep its balance?' },
      { role: 'assistant' as const, content: first },
    ];
    const again = (await run(input('Beginner', { ...followUp, history }))).done.text;
    expect(again).not.toContain('Words to know');
    expect(again).toContain('support polygon');
    expect((await run(input('Beginner', followUp))).done.text).toMatch(
      /^Words to know:\n- \*\*Support polygon\*\*:/,
    );
  });

  it('when the reader is advanced, then the answer carries the formula and the code from the passages, whole', async () => {
    const advanced = (await run(input('Advanced'))).done.text;
    expect(advanced).toContain('$$\np_x = x_c');
    expect(advanced).toContain(
      '```python\ndef zmp(x_c: float, z_c: float, xdd: float, g: float = 9.81) -> float:\n    return x_c - z_c / g * xdd\n```',
    );
  });

  it('when two passages answer equally well, then the one on the reader’s interest comes first and the interest is named in a sentence of its own', async () => {
    const docs = [
      hit('Encoders measure joint angles on a robot arm.', 'arm'),
      hit('Encoders measure joint angles on a drone gimbal.', 'gimbal', 0.8),
    ];
    const query = 'What measures joint angles?';
    const withInterest = (await run(input('Intermediate', { query, documents: docs }, ['drone gimbals'])))
      .done.text;
    const without = (await run(input('Intermediate', { query, documents: docs }, ['cooking']))).done.text;
    expect(withInterest).toMatch(/^Encoders measure joint angles on a drone gimbal/);
    expect(withInterest).toContain('This part of the book bears on drone gimbals, one of your interests.');
    expect(without).toMatch(/^Encoders measure joint angles on a robot arm/);
    expect(without).not.toContain('your interests');
  });

  it.each(['Beginner', 'Intermediate', 'Advanced', null] as const)(
    'when a %s reader with interests gets an answer, then markers first appear in order [1], [2] … matching the citations',
    async (level) => {
      const { done } = await run(input(level, {}, ['reinforcement learning']));
      const markers = [...done.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
      expect([...new Set(markers)]).toEqual(done.citations.map((_, i) => i + 1));
    },
  );

  it('when there are no passages, then nothing is invented and answered is false', async () => {
    const { done } = await run(input('Beginner', { documents: [] }));
    expect(done).toEqual({ type: 'done', text: NOT_COVERED_MESSAGE, citations: [], answered: false });
  });

  it('when retrieval judged the question covered but the wording differs from the book, then every level still answers', async () => {
    for (const level of ['Beginner', 'Intermediate', 'Advanced', null] as const) {
      const { done } = await run(input(level, { query: 'Tell me about tipping over' }));
      expect(done.answered).toBe(true);
      expect(done.citations.length).toBeGreaterThan(0);
    }
  });

  it('when a follow-up refers back, then the answer is about the earlier question’s subject', async () => {
    const history = [
      { role: 'user' as const, content: 'What is the support polygon?' },
      { role: 'assistant' as const, content: 'The convex hull of the contact points [1].' },
    ];
    const { done } = await run(input(null, { query: 'Why does it shrink?', history }));
    expect(done.text).toMatch(/^With both feet down the polygon is large/);
  });

  it('when the reader highlighted a passage, then the answer quotes it and explains it from the book', async () => {
    const selectedText =
      'A walking humanoid stays balanced while the ZMP remains inside the support polygon of its feet.';
    const { done } = await run(input('Beginner', { query: 'What does this mean?', selectedText }));
    expect(done.answered).toBe(true);
    expect(done.text).toMatch(/^You highlighted: “A walking humanoid/);
  });

  it('when streamed, then the deltas add up to the final text, a few words at a time', async () => {
    const { events, done } = await run(input('Intermediate'));
    const streamed = events.flatMap((e) => (e.type === 'delta' ? [e.text] : []));
    expect(streamed.length).toBeGreaterThan(5);
    expect(streamed.join('')).toBe(done.text);
    expect(deltas('a  b\n\nc ')).toEqual(['a  b\n\nc', ' ']);
  });

  it('when the client goes away, then generation stops', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(run(input('Beginner'), controller.signal)).rejects.toThrow('gone');
  });

  it('when the index is given, then the book’s definitions are read from it once, not per question', async () => {
    let loads = 0;
    const glossaryChunk = hit('**Support polygon**: the area under and between the feet.', 'glossary');
    const generator = new ExtractiveGenerator({
      chunks: async () => {
        loads++;
        return [glossaryChunk, ...DOCS];
      },
    });
    for (let i = 0; i < 3; i++) {
      for await (const event of generator.generate(
        input('Beginner', { query: 'Why is single support risky?' }),
      ))
        if (event.type === 'done')
          expect(event.text).toContain('**Support polygon**: the area under and between the feet.');
    }
    expect(loads).toBe(1);
  });

  it('when the same question is asked twice, then the answer is the same', async () => {
    const generator = new ExtractiveGenerator();
    const first = generator.compose(input('Advanced', {}, ['humanoid walking']));
    const second = new ExtractiveGenerator().compose(input('Advanced', {}, ['humanoid walking']));
    expect(generator.compose(input('Advanced', {}, ['humanoid walking']))).toEqual(first);
    expect(second).toEqual(first);
  });
});

/** A retrieved passage under its own headings. */
function under(text: string, headings: string[], path: string, score: number): SearchHit {
  const h = hit(text, path, score);
  return { ...h, payload: { ...h.payload, heading_path: headings } };
}

/** Every reader level, the anonymous reader (null) included. */
const levels = ['Beginner', 'Intermediate', 'Advanced', null] as const;

describe('extractive generator: the lead unit for the question’s form', () => {
  it('when a heading spells its subject out in parentheses, then the section’s labelled opening line defines it', async () => {
    const docs = [
      under(
        '**Idea**: Iteratively query the expert and grow the dataset\n\n**Advantage**: The policy learns to recover.',
        ['Chapter 4: Control', 'Gorp (Guided Online Relabelling Policy)'],
        'gorp',
        0.6,
      ),
      under(
        '- Collect failure logs\n- Retrain with corrective demos (Gorp)\n- Expand the object set',
        ['Chapter 6: Testing', 'Iteration'],
        'iteration',
        0.5,
      ),
    ];
    for (const level of ['Intermediate', 'Advanced', null] as const) {
      const { done } = await run(input(level, { query: 'What is Gorp?', documents: docs }));
      expect(done.text).toMatch(/(?:^|\n\n)\*\*Idea\*\*: Iteratively query the expert/);
    }
    const { done } = await run(input('Beginner', { query: 'What is Gorp?', documents: docs }));
    expect(done.text).toMatch(/(?:^|\n\n)The main idea of Gorp: iteratively query the expert/);
  });

  it('when a section’s heading is generic (“Overview”), then the heading above it names the subject', async () => {
    const docs = [
      under(
        'Wraps every callback of an object into a dispatching function.\n\nThe only use case for `wrapCallbacks` is passing callbacks to a component that knows nothing of the store.',
        ['wrapCallbacks', '`wrapCallbacks(callbacks, dispatch)`', 'Overview'],
        'wrap',
        0.8,
      ),
    ];
    const { done } = await run(input(null, { query: 'What does wrapCallbacks do?', documents: docs }));
    expect(done.text).toMatch(/^Wraps every callback of an object/);
  });

  it('when two passages hold the question’s words alike, then the one retrieval ranked higher leads', async () => {
    const docs = [
      hit('The relay node buffers bursts before it forwards them.', 'relay', 0.9),
      hit('A bridge relay node copes with message bursts from the simulator.', 'bridge', 0.45),
    ];
    const { done } = await run(
      input(null, { query: 'How does the bridge relay node cope with bursts?', documents: docs }),
    );
    expect(done.text).toMatch(/^The relay node buffers bursts/);
  });

  it('when a yes/no question is asked, then the sentence that settles it leads', async () => {
    const docs = [
      under(
        'Calling reducers for each action splits the work into small functions.\n\nEven with many of them composed together, reducer speed is unlikely to be a problem.',
        ['Performance', 'Won’t running every reducer be slow?'],
        'performance',
        0.8,
      ),
    ];
    for (const level of levels) {
      const { done } = await run(
        input(level, { query: 'Isn’t it slow to run every reducer on every action?', documents: docs }),
      );
      expect(done.text).toMatch(
        /(?:^|\n\n)Even with many of them composed together, reducer speed is unlikely/,
      );
    }
  });

  it('when a “which X” question is asked, then the unit naming the one suited to the purpose leads', async () => {
    const docs = [
      hit(
        'The simulator ships several physics engines for grasping and walking scenes.\n\nThe Bullet engine runs fast in grasping demos.\n\nThe DART physics engine models contact accurately and is best for grasping.',
        'engines',
        0.8,
      ),
    ];
    const { done } = await run(input(null, { query: 'Which physics engine for grasping?', documents: docs }));
    expect(done.text).toMatch(/^The DART physics engine models contact accurately/);
  });
});

describe('extractive generator: Beginner wording', () => {
  const under = (text: string, headings: string[], path: string, score: number): SearchHit => {
    const h = hit(text, path, score);
    return { ...h, payload: { ...h.payload, heading_path: headings } };
  };

  it('when more supporting facts are at hand than a Beginner takes, then the plainest are said, in order of relevance', async () => {
    const docs = [
      hit(
        [
          'A ROS topic is a named channel that carries messages between nodes.',
          'Topics decouple heterogeneous publishers from subscribers through asynchronous, anonymized communication semantics.',
          'A topic has a name and one message type.',
          'You can list every topic that is running with one command.',
          'Many nodes can read the same topic at once.',
        ].join(' '),
        'topics',
      ),
    ];
    const { done: anonymous } = await run(input(null, { query: 'What is a ROS topic?', documents: docs }));
    expect(anonymous.text).toContain('Topics decouple heterogeneous publishers');
    const { done } = await run(input('Beginner', { query: 'What is a ROS topic?', documents: docs }));
    expect(done.text).toContain('A ROS topic is a named channel that carries messages between nodes');
    expect(done.text).not.toContain('heterogeneous');
    expect(done.text).toMatch(
      /A topic has a name and one message type[^]*Many nodes can read the same topic/,
    );
  });

  it('when a list leads, then a Beginner gets the answering item in the book’s words and the others said plainly', async () => {
    const docs = [
      under(
        'The controller has three parts:\n- Planner: Computes footsteps for the walking gait\n- Estimator: Utilizes the IMU (inertial measurement unit, 200 Hz) to obtain the pose\n- Monitor: Terminates motion prior to a fall',
        ['Walking', 'Controller parts'],
        'controller',
        0.8,
      ),
    ];
    const query = 'What computes footsteps for the walking gait?';
    const beginner = (await run(input('Beginner', { query, documents: docs }))).done.text;
    expect(beginner).toContain('- Planner: Computes footsteps for the walking gait');
    expect(beginner).toContain('- Estimator: Uses the IMU to get the pose');
    expect(beginner).toContain('- Monitor: Ends motion before a fall');
    const advanced = (await run(input('Advanced', { query, documents: docs }))).done.text;
    expect(advanced).toContain(
      'Estimator: Utilizes the IMU (inertial measurement unit, 200 Hz) to obtain the pose',
    );
  });

  it('when an aside spells out the subject asked about, then a Beginner keeps it while other asides go', async () => {
    const docs = [
      hit(
        'Gorp is the planner of the walking stack.\n\nGorp (Generalised Obstacle Response Planner) plans around obstacles in real time.\n\nGorp replans quickly (measured on standard benchmark scenes).',
        'engines',
        0.8,
      ),
    ];
    const { done } = await run(input('Beginner', { query: 'What does Gorp stand for?', documents: docs }));
    expect(done.text).toContain('Gorp (Generalised Obstacle Response Planner)');
    expect(done.text).not.toContain('measured on standard benchmark scenes');
  });

  it('when a supporting line is a whole sentence behind a label, then a Beginner reads the sentence without the label', async () => {
    const docs = [
      hit(
        'A gripper closes its fingers around an object to hold it.\n\nWhy It Matters: A gripper that holds objects firmly lets the robot carry them safely.',
        'gripper',
        0.8,
      ),
    ];
    const query = 'What does a gripper do with an object?';
    const beginner = (await run(input('Beginner', { query, documents: docs }))).done.text;
    expect(beginner).toMatch(/(?:^|\s)A gripper that holds objects firmly lets the robot carry them safely/);
    expect(beginner).not.toContain('Why It Matters:');
    const advanced = (await run(input('Advanced', { query, documents: docs }))).done.text;
    expect(advanced).toContain('Why It Matters: A gripper that holds objects firmly');
  });
});

describe('extractive generator: definitions and compound questions', () => {
  it('when a lower-ranked passage states “X is …”, then it leads over a top passage that only names X', async () => {
    const docs = [
      hit(
        'The bridge package maps simulator topics to robot topics one message type at a time.',
        'bridge',
        0.58,
      ),
      hit(
        'A topic is a named, typed channel for a stream of messages between programs.\n\nUseful tools list the topics of a robot.',
        'topics',
        0.41,
      ),
    ];
    for (const level of ['Beginner', 'Advanced', null] as const) {
      const { done } = await run(input(level, { query: 'What is a robot topic?', documents: docs }));
      expect(done.text).toMatch(/(?:^|\n\n)A topic is a named, typed channel/);
    }
  });

  it('when a question asks two things, then each part is answered by its own lead, in the order asked', async () => {
    const docs = [
      hit(
        'Integral windup happens when the actuator is saturated but the integral keeps growing.\n\nWindup shows as a large overshoot once the error changes sign.\n\nThe overshoot from windup can last several seconds on a slow joint.',
        'windup',
        0.8,
      ),
      hit(
        'Controllers tune three gains for each joint.\n\nTo fix windup, clamp the integral while the actuator is saturated.',
        'fixes',
        0.5,
      ),
    ];
    for (const level of ['Beginner', 'Advanced', null] as const) {
      const { done } = await run(
        input(level, { query: 'What is integral windup and how do I fix it?', documents: docs }),
      );
      const paragraphs = done.text.split('\n\n').filter((p) => !p.startsWith('Words to know'));
      expect(paragraphs[0]).toMatch(/^Integral windup happens when the actuator is saturated/);
      expect(paragraphs[1]).toMatch(/^To fix windup, clamp the integral/);
    }
  });
});

describe('extractive generator: when the answer is not the obvious unit', () => {
  it('when a second passage answers almost as well as the first, then every level says it too, in the book’s words', async () => {
    const docs = [
      under(
        '- Operate for 8 hours between charges\n- Carry loads up to 20 kg\n- Stream video to the base',
        ['Use cases', 'Search and rescue'],
        'uses',
        0.8,
      ),
      under(
        'Energy storage:\n\n- Lithium-ion batteries: 100-300 Wh/kg, typical runtime 1-3 hours\n- Idle standing: 50-100 W',
        ['Hardware', 'Power and energy'],
        'power',
        0.8,
      ),
    ];
    for (const level of levels) {
      const { done } = await run(
        input(level, { query: 'How long does a humanoid run on one battery charge?', documents: docs }),
      );
      expect(done.text).toContain('Operate for 8 hours between charges');
      expect(done.text).toContain('Lithium-ion batteries: 100-300 Wh/kg, typical runtime 1-3 hours');
    }
  });

  it('when the second unit is far behind the first, then it is not added', async () => {
    const docs = [
      hit('A ROS topic is a named channel that nodes publish messages to.', 'topic', 0.9),
      hit('ROS runs on Linux, macOS and Windows machines.', 'platforms', 0.5),
    ];
    const { done } = await run(input(null, { query: 'What is a ROS topic?', documents: docs }));
    expect(done.text).not.toContain('Windows');
  });

  it('when a whole statement ends in a colon before its list, then it can answer alone, ending with a full stop', async () => {
    const docs = [
      under(
        'Humanoid robots typically have 20 to 60 degrees of freedom spread over the body:\n\n**Per limb**:\n- Legs: 6 DOF\n- Arms: 7 DOF',
        ['Hardware', 'Degrees of freedom'],
        'dof',
        0.8,
      ),
      hit('The arm of a humanoid robot has 7 degrees of freedom, like a human arm.', 'arm', 0.79),
    ];
    for (const level of levels) {
      const { done } = await run(
        input(level, { query: 'How many degrees of freedom do humanoid robots have?', documents: docs }),
      );
      expect(done.text).toMatch(/20 to 60 degrees of freedom/);
      expect(done.text).not.toMatch(/spread over the body \[1\]:/);
    }
  });

  it('when a short item of an introduced list answers, then it is not passed over for being short', async () => {
    const docs = [
      under(
        'LiDAR measures distance with laser pulses.\n\nDisadvantages:\n\n- Expensive ($1k-$10k)\n- Sparse returns on glass',
        ['Sensors', 'LiDAR'],
        'lidar',
        0.8,
      ),
      hit('A stereo camera costs less than a laser scanner and gives dense depth.', 'camera', 0.5),
    ];
    const { done } = await run(input(null, { query: 'How much does a LiDAR cost?', documents: docs }));
    expect(done.text).toMatch(/^Disadvantages[^\n]*\n- Expensive \(\$1k-\$10k\)/);
  });

  it('when a unit only names what the question names, then a unit that says something about them leads', async () => {
    const docs = [
      hit('- SLAM, Kalman filters, particle filters\n- DARPA Grand Challenge (2005)', 'history', 0.8),
      under(
        'Each particle is one guess of the pose. The filter handles multi-modal distributions, with many hypotheses at once.',
        ['Fusion', 'Particle filter'],
        'particles',
        0.75,
      ),
    ];
    const { done } = await run(
      input(null, { query: 'When is a particle filter better than a Kalman filter?', documents: docs }),
    );
    expect(done.text).toMatch(/^Each particle is one guess of the pose/);
    expect(done.text).not.toContain('SLAM');
  });
});
