import { describe, expect, it } from 'vitest';
import { coversQuestion, isCovered, type RankedPassage, type TermStatistics } from './abstention.js';
import { contentTerms } from './terms.js';
import { chunkPayload } from '../../../test/support/chunks.js';

describe('isCovered', () => {
  const cases: [string, { coverage: number; matched: number; terms: number }, boolean][] = [
    ['half the weight in one passage', { coverage: 0.5, matched: 1, terms: 2 }, true],
    ['three of the question words together', { coverage: 0.2, matched: 3, terms: 7 }, true],
    [
      'two words that are half the question and 30% of its weight',
      { coverage: 0.34, matched: 2, terms: 4 },
      true,
    ],
    ['two incidental words of a long question', { coverage: 0.46, matched: 2, terms: 5 }, false],
    ['one incidental word', { coverage: 0.26, matched: 1, terms: 3 }, false],
    ['nothing', { coverage: 0, matched: 0, terms: 4 }, false],
  ];
  it.each(cases)('when the best passage holds %s, then covered is %s', (_label, evidence, covered) => {
    expect(isCovered([evidence])).toBe(covered);
  });

  it('when no passage was retrieved, then the question is not covered', () => {
    expect(isCovered([])).toBe(false);
  });
});

describe('coversQuestion', () => {
  // A book of three passages: a LiDAR section with no weight, a PID section, and a gripper's figures.
  const passages: Record<string, string> = {
    lidar: "A robot's 3D LiDAR spins many beams to build a point cloud; it costs hundreds of dollars.",
    pid: "A robot's PID controller sums proportional, integral and derivative terms of the error.",
    gripper: 'The parallel gripper takes a 12 V power adapter, is 450 g of aluminium and closes in 80 ms.',
  };
  const bookTerms = new Map(Object.entries(passages).map(([id, text]) => [id, new Set(contentTerms(text))]));
  const known = new Set([...bookTerms.values()].flatMap((t) => [...t]));
  const index: TermStatistics = {
    knows: (t) => known.has(t),
    // The keyword index's IDF over a book of these passages and twelve others holding none of
    // their words: a word of one passage is telling, a word of two is in over a tenth of the chunks.
    size: 15,
    idf: (t) => Math.log(1 + 16 / ([...bookTerms.values()].filter((p) => p.has(t)).length + 0.5)),
    evidence: (terms, id) => {
      const held = terms.filter((t) => bookTerms.get(id)!.has(t));
      return { coverage: held.length / terms.length, matched: held.length, terms: terms.length };
    },
  };
  const ranked: RankedPassage[] = Object.entries(passages).map(([id, text]) => ({
    id,
    payload: {
      text,
      title: id,
      heading_path: [id],
      url: `https://book.example.org/${id}`,
      source_path: `${id}.md`,
      chunk_index: 0,
      content_hash: id,
    },
  }));
  const covers = (question: string) => coversQuestion(question, contentTerms(question), index, ranked);

  const cases: [string, string, boolean][] = [
    ['an attribute the passage lacks (a missing attribute)', 'How heavy is a 3D LiDAR?', false],
    ['an attribute named by another word of its family', 'What is the price of a 3D LiDAR?', true],
    ['a weight the book gives only as an amount in grams', 'How heavy is the parallel gripper?', true],
    [
      'a speed the book gives only as a time in milliseconds',
      'How fast does the parallel gripper close?',
      true,
    ],
    ['a height the book gives in no unit of length', 'How tall is the parallel gripper?', false],
    ['a person in a relation the book never names', 'Who invented the PID controller?', false],
    [
      'a compound whose head the book words otherwise ("supply" for its "adapter")',
      'What power supply does the parallel gripper need?',
      true,
    ],
    [
      'a modifier the book never uses beside the words it holds together',
      'How many weekly beams does a LiDAR spin?',
      true,
    ],
    ['the asked-for noun itself', 'How many beams does a 3D LiDAR spin?', true],
    ['a "how do I" verb the book never uses, with only its topic word', 'How do I deal with a robot?', true],
    ['a "how do I" verb the book never uses, with its object', 'How do I paint a robot?', false],
    [
      'a "how do I" verb the book uses elsewhere, paraphrased',
      'How do I build a point cloud with a LiDAR?',
      true,
    ],
    ['no focus, the words the book knows', 'Why does a PID controller sum the error terms?', true],
    ['only everyday words the book never uses', 'Why do chores feel boring on weekends?', false],
    ['a word the book never uses beside only its topic word', 'How do I get a robot certification?', false],
    ['an attribute word the book never uses beside only its topic word', "What is a robot's price?", true],
    [
      'half its words unknown, two telling words the book knows in one passage',
      'What price would hobbyists pay for LiDAR beams?',
      true,
    ],
    [
      'half its words unknown and one telling word known',
      'What recipe would hobbyists cook with a PID?',
      false,
    ],
  ];
  it.each(cases)('when the question asks for %s (%s), then covered is %s', (_label, question, covered) => {
    expect(covers(question)).toBe(covered);
  });
});

/**
 * coversQuestion over a book of `size` chunks whose ranked passages are `passages` (each its own
 * heading); a word's chunk count is where it occurs among them, unless `chunksWith` says otherwise.
 */
function bookOf(passages: Record<string, string>, size: number, chunksWith: Record<string, number> = {}) {
  const bookTerms = new Map(Object.entries(passages).map(([id, text]) => [id, new Set(contentTerms(text))]));
  const known = new Set([...bookTerms.values()].flatMap((t) => [...t]));
  const df = (t: string) => chunksWith[t] ?? [...bookTerms.values()].filter((p) => p.has(t)).length;
  const index: TermStatistics = {
    knows: (t) => known.has(t),
    size,
    idf: (t) => Math.log(1 + (size + 1) / (df(t) + 0.5)),
    evidence: (terms, id) => {
      const held = terms.filter((t) => bookTerms.get(id)!.has(t));
      return { coverage: held.length / terms.length, matched: held.length, terms: terms.length };
    },
  };
  const ranked: RankedPassage[] = Object.keys(passages).map((id) => ({
    id,
    payload: chunkPayload(`${id}.md`, [id], passages[id]!),
  }));
  return (question: string) => coversQuestion(question, contentTerms(question), index, ranked);
}

describe('coversQuestion beside a word the book never uses', () => {
  // A book of eight chunks, "robot" in half of them (its topic word), each other word in one or two.
  const passages: Record<string, string> = {
    lights: "The robot's status lights use one colour per state: green for ready, red for a fault.",
    arm: "A robot arm's wrist carries a camera on a fixed bracket.",
    frames: "Publish a static transform between the robot's base and its camera frame.",
    gripper: 'A robot gripper closes on a part.',
  };
  const covers = bookOf(passages, 8);

  const cases: [string, string, boolean][] = [
    ['one word of the question met beside the topic word', "What colour is the robot's logo?", false],
    [
      'two words of the question met together',
      'How do I publish a fixed transform for a camera bolted to the robot?',
      true,
    ],
    ['a function word the tokenizer keeps', 'Why is the robot green, though?', true],
  ];
  it.each(cases)('when the question has %s (%s), then covered is %s', (_label, question, covered) => {
    expect(covers(question)).toBe(covered);
  });
});

describe('coversQuestion: words must meet near each other', () => {
  // A book of ten chunks, "robot" in six of them (its topic word), each other word in one or two.
  const passages: Record<string, string> = {
    install:
      'Install the package with npm. It has no other dependencies. It works in every browser. ' +
      'It ships typings. Older releases are listed on the changelog page, each download archived there.',
    arm: 'A robot arm usually has six joints. Its wrist carries the camera.',
    gripper: 'The robot gripper is heavy for its size: it weighs 450 g. It closes in 80 ms.',
    lidar: 'A 3D LiDAR spins many beams to build a point cloud around the robot.',
  };
  const covers = bookOf(passages, 10, { robot: 6 });

  const cases: [string, string, boolean][] = [
    [
      'two words the book uses far apart in one chunk, beside a word it never uses',
      'How many weekly downloads does it have on npm?',
      false,
    ],
    [
      'two words the book uses in one sentence, beside a word it never uses',
      'Which npm package installs weekly?',
      true,
    ],
    [
      'a function word ("usually") as the second word beside words the book never uses',
      'What warranty do robot arm makers usually give?',
      false,
    ],
    [
      'a light verb the book never uses ("put") beside two words it uses far apart',
      'Where do I put the npm download?',
      true,
    ],
    [
      'another verb the book never uses beside the same two words',
      'Where do I paint the npm download?',
      false,
    ],
    ['a weight the book gives for another part only', 'How heavy is a 3D LiDAR?', false],
    ['a weight the book gives for the part asked about', 'How heavy is the robot gripper?', true],
    ['a weight the book gives as an amount beside the part', 'What is the weight of the gripper?', true],
  ];
  it.each(cases)('when the question has %s (%s), then covered is %s', (_label, question, covered) => {
    expect(covers(question)).toBe(covered);
  });
});

describe('coversQuestion beside a word the book never uses, with no telling word', () => {
  // A book of a hundred chunks: every word of these passages in fifteen of them, common enough not
  // to be telling (a tenth) yet no topic word (a quarter): a mid-sized book's workspace chapter.
  const passages: Record<string, string> = {
    overlay:
      'An overlay workspace is sourced last: its package is used over an installed package of the same name.',
    build: 'Build the workspace, then source it.',
  };
  const common = Object.fromEntries(
    [...new Set(Object.values(passages).flatMap((text) => contentTerms(text)))].map((t) => [t, 15]),
  );
  const covers = bookOf(passages, 100, common);

  const cases: [string, string, boolean][] = [
    [
      'several words the book uses, met together',
      'If my workspace has a package named like an installed one, which one wins?',
      true,
    ],
    ['a single word the book uses', 'Which workspace wins?', false],
  ];
  it.each(cases)('when the question has %s (%s), then covered is %s', (_label, question, covered) => {
    expect(covers(question)).toBe(covered);
  });
});

describe('coversQuestion: forms and phrases the book words otherwise', () => {
  // A book of ten chunks; each word of these passages in one or two of them.
  const passages: Record<string, string> = {
    motion: 'A minimum-jerk trajectory keeps the motion smooth.',
    log: 'The robot keeps every sample it logs until the log is closed.',
    formats: 'The legacy number array format is deprecated and will be removed in 2027.',
  };
  const covers = bookOf(passages, 10);

  const cases: [string, string, boolean][] = [
    ['a comparative of a word the book uses ("smoother" for "smooth")', 'Can the motion be smoother?', true],
    ['a comparative of a word the book never uses', 'Can the motion be rougher?', false],
    ['a phrasal verb with "on to" ("hang on to" for "keeps")', 'What does the robot hang on to?', true],
    ['the same verb alone, which the book never uses', 'What does the robot hang?', false],
    [
      'an attribute word that only picks out the thing meant ("the old format")',
      'When will the old number format be removed?',
      true,
    ],
    ['the same attribute asked for ("how old")', 'How old is the number format?', false],
    ['a word asking for the thing in its ordinary sense ("a plain sample")', 'What is a plain sample?', true],
    ['another modifier the book never uses', 'What is a fancy sample?', false],
  ];
  it.each(cases)('when the question has %s (%s), then covered is %s', (_label, question, covered) => {
    expect(covers(question)).toBe(covered);
  });
});

describe('coversQuestion: wording the book need not use', () => {
  // A book of ten chunks, "ROS" and "2" in six of them (its topic words), "robot" in five.
  const passages: Record<string, string> = {
    topics: 'In ROS 2, a topic is a named channel: nodes publish messages to it and others subscribe.',
    vslam: "VSLAM (Visual SLAM) tracks the camera's pose while it maps the room.",
    legs: "The robot's legs have six joints each, driven by electric motors.",
    arm: 'A robot arm carries the gripper at its wrist.',
    stack: 'The nav stack plans each path in 2 stages.',
  };
  const covers = bookOf(passages, 10, { ro: 6, 2: 6, robot: 5 });

  const cases: [string, string, boolean][] = [
    ['a name written together that the book writes apart ("ros2" for "ROS 2")', 'whats a ros2 topic', true],
    [
      'a name written together whose parts the book does not all know',
      'What payload does a ur5e arm lift?',
      false,
    ],
    [
      'a name written together whose parts the book uses only apart from each other ("nav", "2")',
      'what is nav2',
      false,
    ],
    ['the expansion of a name ("stand for")', 'What does VSLAM stand for and what does it do?', true],
    ['the expansion of a name ("short for")', 'What is VSLAM short for?', true],
    ['"stand" as a verb of its own, which the book never uses', 'Can the robot stand on one leg?', false],
    ['a plain answer asked for ("in plain terms")', 'What is VSLAM, in plain terms?', true],
    ['"plain" as a word of its own, which the book never uses', 'Can the robot walk on a plain?', false],
    ['a quantifier ("the whole")', 'Does VSLAM map the whole room?', true],
    ['a person asked for with a phrasal verb ("came up with")', 'Who came up with VSLAM?', true],
    ['a person asked for with a verb the book never uses', 'Who invented VSLAM?', false],
  ];
  it.each(cases)('when the question has %s (%s), then covered is %s', (_label, question, covered) => {
    expect(covers(question)).toBe(covered);
  });
});

describe('coversQuestion: attribute words in another sense', () => {
  // A book of ten chunks; each word of these passages in one or two of them.
  const passages: Record<string, string> = {
    slam: 'SLAM builds a map of the room while it tracks the pose of the robot.',
    field: 'The 2D field tab shows each robot as a box of the configured size.',
    motor: 'The drive motor has a peak power draw of 40 W.',
    arm: 'The arm has a reach of 80 cm.',
  };
  const covers = bookOf(passages, 10);
  // The same book without its motor: "draw" is a word it never uses.
  const withoutDraw = bookOf({ slam: passages.slam!, field: passages.field! }, 10);

  const cases: [string, string, boolean, (question: string) => boolean][] = [
    [
      '"drawing" a map, in a book that writes "draw" only of power',
      'How does SLAM track the pose of the robot while drawing a map?',
      true,
      covers,
    ],
    ['"draw" in a question of amount', 'How much does the SLAM map draw?', false, covers],
    [
      '"reach" a pose, in a book that writes "reach" only of range',
      'Can SLAM reach the pose of the robot?',
      true,
      covers,
    ],
    ['"reach" in a question of amount', 'How far can SLAM reach?', false, covers],
    [
      '"draw" as a verb the book never uses',
      'What robot sizes can the 2D field tab draw?',
      true,
      withoutDraw,
    ],
    ['"draw" beside a word of its family', 'What power draw does the field tab have?', false, withoutDraw],
  ];
  it.each(cases)('when the question has %s (%s), then covered is %s', (_label, question, covered, book) => {
    expect(book(question)).toBe(covered);
  });
});

describe('coversQuestion: a count the book never gives', () => {
  // A book of ten chunks; each word of these passages in one or two of them.
  const passages: Record<string, string> = {
    course: 'Students take the humanoid robotics course to learn control; each year it adds a lab.',
    control: 'Each humanoid leg has its own control loop.',
    schedule:
      'The humanoid robotics course runs 12 weeks. It covers sensing, planning, actuation, simulation and ' +
      'safety first; students learn control last.',
    legs: 'Each humanoid leg has six joints: three at the hip, one at the knee and two at the ankle.',
  };
  const covers = bookOf(passages, 10);

  const cases: [string, string, boolean][] = [
    ['a count the passages give beside the noun', 'How many joints does a humanoid leg have?', true],
    [
      'a count of a noun the passages name with no number',
      'How many students take the humanoid robotics course each year?',
      false,
    ],
    [
      'an amount of a noun the passages name with no amount',
      'How much control does each humanoid leg have?',
      false,
    ],
    ['the same question asked without an amount', 'What control does each humanoid leg have?', true],
    [
      'a time of a verb the passages never time',
      'How long does it take to learn control in the humanoid robotics course?',
      false,
    ],
    ['the same question asked without a time', 'Why learn control in the humanoid robotics course?', true],
    [
      'a version of a thing the passages name with no number',
      'Which humanoid version does the robotics course use?',
      false,
    ],
  ];
  it.each(cases)('when the question asks for %s (%s), then covered is %s', (_label, question, covered) => {
    expect(covers(question)).toBe(covered);
  });
});

describe('coversQuestion: a doer or a date the book never names', () => {
  // A book of ten chunks; each word of these passages in one or two of them.
  const passages: Record<string, string> = {
    design: 'The humanoid controller was designed for walking on uneven ground; its release added balance.',
    filter: 'The balance filter was invented by Rudolf Kalman to estimate the humanoid state.',
  };
  const covers = bookOf(passages, 10);
  const cases: [string, string, boolean][] = [
    ['the doer of a verb the passages never give', 'Who designed the humanoid controller release?', false],
    ['the doer the passages name', 'Who invented the balance filter?', true],
    ['the same question asked of what, not who', 'What was the humanoid controller designed for?', true],
    [
      'a date of a future event the passages never give',
      'When will the humanoid controller be released?',
      false,
    ],
    [
      'the pay of a person the passages never give',
      'What is the salary of a humanoid controller designer?',
      false,
    ],
  ];
  it.each(cases)('when the question asks for %s (%s), then covered is %s', (_label, question, covered) => {
    expect(covers(question)).toBe(covered);
  });
});

describe('coversQuestion: a heading named by a clipped word', () => {
  // A book of ten chunks: a page headed "Statistics" that names its two means sentences apart.
  const passages: Record<string, string> = {
    statistics:
      'The geometric mean suits growth rates. It is one of many measures. Few tools show it. ' +
      'The harmonic mean suits rates of speed.',
    tabs: 'Each tab opens one view.',
  };
  const covers = bookOf(passages, 10);

  const cases: [string, string, boolean][] = [
    [
      'a clipped form of a heading\'s word ("stats" for "Statistics")',
      'Geometric mean vs harmonic mean in the stats tab?',
      true,
    ],
    ['a word that is no clipping of any heading', 'Geometric mean vs harmonic mean in the stash tab?', false],
  ];
  it.each(cases)('when the question has %s (%s), then covered is %s', (_label, question, covered) => {
    expect(covers(question)).toBe(covered);
  });
});
