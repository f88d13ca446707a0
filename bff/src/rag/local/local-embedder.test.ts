import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from './local-embedder.js';
import { features, stem } from './text-features.js';

const embedder = new LocalEmbedder();
const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const norm = (v: number[]) => Math.sqrt(cosine(v, v));

// A miniature book: each passage stands for a page about one topic.
const PASSAGES = {
  pid: 'A PID controller combines proportional, integral and derivative terms. Too much gain causes overshoot; the derivative term adds damping to reduce oscillation.',
  zmp: 'A bipedal humanoid stays balanced while walking by keeping the zero moment point (ZMP) inside the support polygon formed by its feet.',
  vision:
    'Depth cameras and stereo vision give the robot an image of its surroundings, which the perception stack turns into point clouds.',
  ros: 'In ROS 2, nodes communicate by publishing messages on topics; other nodes subscribe to the topics they need.',
  sim2real:
    'Policies trained in simulation often fail on hardware. Domain randomization of friction, mass and latency narrows the sim-to-real gap.',
  vla: 'Vision-language-action models map camera images and a natural language instruction directly to robot actions.',
};

describe('LocalEmbedder', () => {
  it('when created, then its id names the method and dimensions', () => {
    expect(embedder.id).toBe('local-hash-v2/512');
    expect(embedder.dimensions).toBe(512);
    expect(new LocalEmbedder(384).id).toBe('local-hash-v2/384');
  });

  it('when the same text is embedded twice (or by two instances), then the vectors are identical', async () => {
    const [a] = await embedder.embed([PASSAGES.pid], 'search_document');
    const [b] = await new LocalEmbedder().embed([PASSAGES.pid], 'search_query');
    expect(a).toEqual(b);
  });

  it('when texts are embedded, then every vector has the declared length and unit norm, even empty ones', async () => {
    const vectors = await embedder.embed(['', 'the and of', PASSAGES.zmp, '🤖'], 'search_document');
    for (const v of vectors) {
      expect(v).toHaveLength(512);
      expect(norm(v)).toBeCloseTo(1, 6);
      expect(v.every(Number.isFinite)).toBe(true);
    }
  });

  it('when the signal is already aborted, then embed rejects', async () => {
    await expect(embedder.embed(['x'], 'search_query', AbortSignal.abort())).rejects.toThrow();
  });

  it.each([
    ['why does my bot overshoot and wobble after a step command', 'pid'],
    ['how does a two-legged robot avoid falling over when it walks', 'zmp'],
    ['which camera lets a robot see how far away things are', 'vision'],
    ['how do programs in ROS talk to each other', 'ros'],
    ['my policy works in the simulator but not on the real robot', 'sim2real'],
    ['can a robot follow spoken language commands', 'vla'],
  ] as const)('when asked %j, then the %s passage is the nearest', (question, expected) => {
    const q = embedder.embedOne(question);
    const ranked = Object.entries(PASSAGES)
      .map(([key, text]) => [key, cosine(q, embedder.embedOne(text))] as const)
      .sort((a, b) => b[1] - a[1]);
    expect(ranked[0]![0]).toBe(expected);
  });

  it('when two texts share nothing, then their similarity is near zero; a paraphrase scores clearly higher', () => {
    const unrelated = cosine(embedder.embedOne('quarterly tax invoices'), embedder.embedOne(PASSAGES.ros));
    const related = cosine(embedder.embedOne('ROS topics and messages'), embedder.embedOne(PASSAGES.ros));
    expect(Math.abs(unrelated)).toBeLessThan(0.15);
    expect(related).toBeGreaterThan(unrelated + 0.2);
  });
});

describe('text features', () => {
  it('when words are inflected, then they stem to the same form', () => {
    expect(new Set(['robot', 'robots', 'robotic', 'robotics'].map(stem)).size).toBe(1);
    expect(new Set(['simulate', 'simulated', 'simulation', 'simulator'].map(stem)).size).toBe(1);
    expect(new Set(['plan', 'planning', 'planned'].map(stem)).size).toBe(1);
    expect(stem('mass')).toBe('mass');
  });

  it("when a text has stopwords, then they go and no word is expanded into another book's vocabulary", () => {
    const f = features('How does the bot balance?');
    expect(f.terms).toEqual(['bot', 'balanc']);
    expect(f.bigrams).toEqual(['bot balanc']);
    expect(Object.keys(f)).toEqual(['terms', 'bigrams']);
  });
});
