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

const PASTA = 'Boil the pasta in salted water for nine minutes. Drain it and add the tomato sauce.';

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

const sentenceCount = (text: string) => (text.match(/\[\d+\][.!?]/g) ?? []).length;

describe('extractive generator', () => {
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
    // Without the weights every word counts the same and the first passage's "file" sentence wins.
    const flat = await run(input(null, { query, documents: docs }));
    expect(flat.done.text).toMatch(/^A launch file describes/);
  });

  it('when the reader is a beginner, then the answer is short plain prose that opens with the definition', async () => {
    const { done } = await run(input('Beginner'));
    expect(done.answered).toBe(true);
    expect(done.text).toMatch(/^\*\*In plain words:\*\* The zero moment point \(ZMP\) is the point/);
    expect(sentenceCount(done.text)).toBeLessThanOrEqual(4);
    expect(done.text).not.toMatch(/```|\$/);
  });

  it('when the reader is advanced, then the answer is longer and carries the formula and the code from the passages', async () => {
    const beginner = (await run(input('Beginner'))).done.text;
    const advanced = (await run(input('Advanced'))).done.text;
    expect(advanced).toContain('**Technical detail:**');
    expect(advanced).toContain('$$\np_x = x_c');
    expect(advanced).toContain('```python');
    expect(advanced.length).toBeGreaterThan(beginner.length);
    expect(sentenceCount(advanced)).toBeGreaterThanOrEqual(sentenceCount(beginner));
  });

  it('when the reader is intermediate, then an explanation is followed by key details and no code block', async () => {
    const { done } = await run(input('Intermediate'));
    expect(done.text).toContain('**Key details:**');
    expect(done.text).not.toContain('```');
  });

  it('when the reader has an interest the passages speak to, then that sentence is included and the answer says why', async () => {
    const withInterest = (await run(input('Beginner', {}, ['reinforcement learning']))).done.text;
    const without = (await run(input('Beginner'))).done.text;
    expect(withInterest).toMatch(
      /Since you're interested in reinforcement learning, note that reinforcement learning policies/i,
    );
    expect(without).not.toContain("Since you're interested");
  });

  it.each(['Beginner', 'Intermediate', 'Advanced', null] as const)(
    'when a %s reader with interests gets an answer, then markers first appear in order [1], [2] … matching the citations',
    async (level) => {
      const { done } = await run(input(level, {}, ['reinforcement learning']));
      const markers = [...done.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
      expect([...new Set(markers)]).toEqual(done.citations.map((_, i) => i + 1));
    },
  );

  it('when the answer cites passages, then each marker marks a sentence from the cited passage', async () => {
    const { done } = await run(input('Advanced'));
    const firstSentence = /\*\*Technical detail:\*\* (.*?) \[1\]/.exec(done.text)![1]!;
    expect(DOCS[done.citations[0]!.documentIndex]!.payload.text).toContain(firstSentence);
  });

  it('when there are no passages, then nothing is invented and answered is false', async () => {
    const { done } = await run(input('Beginner', { documents: [] }));
    expect(done).toEqual({ type: 'done', text: NOT_COVERED_MESSAGE, citations: [], answered: false });
  });

  it('when the passages do not speak to the question, then the answer says the book does not cover it', async () => {
    const { done } = await run(input('Advanced', { documents: [hit(PASTA, 'pasta')] }));
    expect(done.answered).toBe(false);
    expect(done.text).toBe(NOT_COVERED_MESSAGE);
  });

  it('when the reader highlighted a passage, then the answer quotes it and explains it from the book', async () => {
    const selectedText =
      'A walking humanoid stays balanced while the ZMP remains inside the support polygon of its feet.';
    const { done } = await run(input('Beginner', { query: 'What does this mean?', selectedText }));
    expect(done.answered).toBe(true);
    expect(done.text).toMatch(/^You highlighted: “A walking humanoid/);
    expect(done.text).toContain('The support polygon is the convex hull');
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

  it('when the same question is asked twice, then the answer is the same', async () => {
    const first = new ExtractiveGenerator().compose(input('Advanced', {}, ['humanoid walking']));
    const second = new ExtractiveGenerator().compose(input('Advanced', {}, ['humanoid walking']));
    expect(second).toEqual(first);
  });
});
