import { describe, expect, it } from 'vitest';
import { answer, passage } from '../../../../test/support/extractive-answers.js';
import { buildPersona } from '../../personalize/persona.js';
import type { Level } from '../../types.js';
import { ExtractiveGenerator } from '../extractive-generator.js';
import { isAsideText } from './non-content.js';
import { readQuestion } from './question.js';
import { focusOf, scoreCandidates } from './select.js';
import { splitUnits } from './units.js';

/** Classes of questions whose answering unit is not the obvious one, pinned with text built here. */

const levels: (Level | null)[] = [null, 'Beginner', 'Intermediate', 'Advanced'];

describe('answering units: sentences that cite their source in passing', () => {
  it('when a prose sentence ends with an author-year citation, then it is content, while a reference entry stays an aside', () => {
    expect(
      isAsideText(
        'The walking controller recomputes its motor commands at 500 Hz by solving a small quadratic program (Okafor et al., 2019).',
      ),
    ).toBe(false);
    expect(isAsideText('Legs move in phase with the body (Brooks, 1991; Pfeifer and Bongard, 2006).')).toBe(
      false,
    );
    expect(
      isAsideText('Okafor, T., Lind, M., et al. (2019). Fast whole-body control. Robotics Letters, 4(2).'),
    ).toBe(true);
  });

  it('when the sentence that answers cites its source, then it leads at every level', () => {
    const docs = [
      passage(
        'control',
        ['Control', 'Whole-body control'],
        'The walking controller of the Kestrel robot recomputes its motor commands at 500 Hz by solving a small quadratic program (Okafor et al., 2019).',
        0.8,
      ),
      passage('motors', ['Hardware', 'Motors'], 'Motor drivers accept commands over a CAN bus.', 0.7),
    ];
    for (const level of levels)
      expect(
        answer(level, 'How often does Kestrel compute its motor commands?', docs),
        String(level),
      ).toContain('at 500 Hz');
  });
});

describe('answering units: a paragraph read in its order', () => {
  const chess = passage(
    'embodiment',
    ['Embodiment', 'Acting in the world'],
    [
      'A chess program can try millions of imagined moves without touching a piece.',
      'It simply discards the moves that turn out badly.',
      'Physical actions, however, have irreversible consequences.',
      'A robot that drops a glass cannot undo that drop.',
    ].join(' '),
    0.8,
  );

  it('when the lead and a supporting sentence of its paragraph are a few sentences apart, then the sentences between them are said too, in order, at every level', () => {
    for (const level of levels) {
      const text = answer(level, 'Why is a robot mistake worse than a mistake by a chess program?', [chess]);
      expect(text, String(level)).toMatch(
        /chess program can try millions[^]*irreversible consequences[^]*cannot undo that drop/,
      );
    }
  });
});

describe('answering units: what one side of a comparison is good at', () => {
  it('when a sentence says what one side is best or well suited for, then it answers "A vs B, which should I pick?" before a sentence that only tells what it does', () => {
    const units = splitUnits(
      'Thunks run inside the dispatch call of the store.\n\nThunks are best for simple async logic like basic AJAX calls.',
    );
    const scored = scoreCandidates(
      units.map((unit) => ({ unit, doc: 0, asideSection: false, rank: 1 })),
      focusOf(readQuestion('thunks vs sagas, which should I pick?'), []),
    );
    expect(scored[0]!.unit.text).toBe('Thunks are best for simple async logic like basic AJAX calls.');
  });
});

describe('answering units: a comparison the book makes in a table', () => {
  it('when a table has a column for each side, then it answers "A vs B, what is the difference?" before a sentence that only names both', () => {
    const units = splitUnits(
      [
        'Kestrel Sim and Falcon Sim ship with the robot SDK.',
        '',
        '| Aspect | Kestrel Sim | Falcon Sim |',
        '| --- | --- | --- |',
        '| Focus | Physics accuracy | Visual realism |',
        '| Speed | Faster than real time | Real time |',
      ].join('\n'),
    );
    const scored = scoreCandidates(
      units.map((unit) => ({ unit, doc: 0, asideSection: false, rank: 1 })),
      focusOf(readQuestion('Kestrel Sim vs Falcon Sim, what is the difference?'), []),
    );
    expect(scored[0]!.unit.kind).toBe('table');
  });
});

describe('answering units: a comparison the book makes in a list, one item per side', () => {
  const joints = passage(
    'joints',
    ['URDF', 'Joints'],
    [
      'Attributes of a joint:',
      '- `name`: A unique name for the joint',
      '- `type`: Specifies the joint type (e.g., `revolute`, `continuous`, `prismatic`, `fixed`)',
      '',
      'Joint types:',
      '- `revolute`: Rotates around an axis between two limits',
      '- `continuous`: Rotates around an axis with no limits (wheels)',
      '- `prismatic`: Slides along an axis',
      '- `fixed`: No motion',
    ].join('\n'),
    0.8,
  );

  it('when a list labels one item by each side, then the list leads, not a sentence that names both sides in passing, at every level', () => {
    for (const level of levels) {
      const text = answer(level, "What's the difference between a revolute joint and a continuous joint?", [
        joints,
      ]);
      expect(text.replace(/^Words to know:\n(?:- .*\n)+\n/, ''), String(level)).toMatch(
        /^Joint types \[1\]:\n- /,
      );
      expect(text, String(level)).toContain('with no limits (wheels)');
    }
  });
});

describe('answering units: a definition set against another term', () => {
  const kinematics = passage(
    'kinematics',
    ['Kinematics', 'Forward and inverse kinematics'],
    [
      'For robot arms, we distinguish between forward kinematics and inverse kinematics.',
      'Forward kinematics computes where the hand is from the joint angles.',
      'Inverse kinematics, conversely, involves determining the joint angles that put the hand at a given pose.',
      'The process involves three stages.',
    ].join(' '),
    0.7,
  );
  const solver = passage(
    'solver',
    ['Kinematics', 'Solver'],
    "Now let's implement an inverse kinematics solver with the Jacobian transpose method:\n\n```python\nq = solve(target)\n```",
    0.8,
  );

  it('when the defining sentence sets its term against another ("X, conversely, involves …ing"), then it leads at every level', () => {
    for (const level of levels)
      expect(
        answer(level, "what's inverse kinematics", [solver, kinematics]).split('\n')[0],
        String(level),
      ).toContain('involves determining the joint angles');
  });

  it('when "involves" is not followed by what the thing consists in doing, then the sentence defines nothing', () => {
    const [unit] = splitUnits('The process involves three stages.');
    const scored = scoreCandidates(
      [{ unit: unit!, doc: 0, asideSection: false, rank: 1 }],
      focusOf(readQuestion('What is the process?'), []),
    );
    const [defining] = splitUnits('The process involves planning the three stages.');
    const scoredDefining = scoreCandidates(
      [{ unit: defining!, doc: 0, asideSection: false, rank: 1 }],
      focusOf(readQuestion('What is the process?'), []),
    );
    expect(scoredDefining[0]!.score).toBeGreaterThan(scored[0]!.score);
  });
});

describe('answering units: a sentence that leans on the one before it', () => {
  const width = passage(
    'width',
    ['Options', 'Wrap Width'],
    [
      'Formatters read their settings from a config file in the project root.',
      '',
      "Tidy's wrap width option works differently from a linter's line limit. It never cuts a line that runs past the width. Tidy makes both shorter and longer lines.",
    ].join('\n'),
    0.8,
  );

  it('when the answering sentence opens on "It", then it leads after the sentence that says what "it" is, at every level', () => {
    for (const level of levels) {
      const text = answer(level, 'Does the Tidy wrap width cut a line that runs past it?', [width]);
      expect(text, String(level)).toMatch(
        /^Tidy’?'?s wrap width option works differently[^\n]*It never cuts a line/,
      );
    }
  });

  it('when a short lead is followed by a sentence that leans on it, then that sentence is read with the lead, at every level', () => {
    const embodiment = passage(
      'embodiment',
      ['Foundations', 'Embodiment'],
      [
        'Robots learn in many ways.',
        '',
        "Embodiment is the cornerstone of the course. It's the recognition that a body shapes what a mind can learn. Other chapters build on it.",
      ].join('\n'),
      0.8,
    );
    for (const level of levels) {
      const text = answer(level, 'What does embodiment mean?', [embodiment]);
      expect(text.replace(/^Words to know:\n(?:- .*\n)+\n/, ''), String(level)).toMatch(
        /^Embodiment is the cornerstone of the course\. It(?:'|’)s the recognition that a body shapes/,
      );
    }
  });
});

describe('answering units: a how-to answered by a command block', () => {
  const workflow = passage(
    'workflow',
    ['Simulation Pipeline', 'Development Workflow', 'Colcon Build System'],
    [
      'Colcon is the build tool of ROS 2.',
      '',
      'Workspace Structure:',
      '',
      '```',
      'ros2_ws/',
      '├── src/      # Source packages',
      '├── build/    # Compiled artifacts',
      '├── install/  # Install space',
      '└── log/      # Build logs',
      '```',
      '',
      'Build Commands:',
      '',
      '```bash',
      '# Build all packages',
      'colcon build',
      '',
      '# Build one package',
      'colcon build --packages-select my_robot_description',
      '',
      '# Build in parallel (4 jobs)',
      'colcon build --parallel-workers 4',
      '',
      '# Symlink Python files',
      'colcon build --symlink-install',
      '',
      '# Build with debug symbols',
      'colcon build --cmake-args -DCMAKE_BUILD_TYPE=Debug',
      '```',
    ].join('\n'),
    0.8,
  );

  it('when a section holds a directory tree and a block of shell commands, then the commands answer "how do I build", at every level', () => {
    for (const level of levels) {
      const text = answer(level, 'How do I build my ROS 2 workspace?', [workflow]);
      expect(text, String(level)).toMatch(
        /^Build Commands \[1\]:\n\n```bash\n# Build all packages\ncolcon build\n/,
      );
      expect(text, String(level)).toContain('colcon build --cmake-args -DCMAKE_BUILD_TYPE=Debug\n```');
    }
  });
});

describe('answering units: what one side of a comparison is good at', () => {
  const grid = passage(
    'mapping',
    ['Mapping', 'Map representations', 'Occupancy Grid'],
    [
      'How it works:',
      '',
      '- Split the floor into square cells',
      '- Each cell stores a probability of being occupied',
      '- Handles: Cluttered rooms with irregular obstacles',
      '',
      'Mapping tools combine readings from several range sensors into one estimate of the room layout and obstacles.',
    ].join('\n'),
    0.8,
  );
  const features = passage(
    'mapping-features',
    ['Mapping', 'Map representations', 'Feature Map'],
    'A feature map stores landmarks as points.',
    0.78,
  );

  it('when a side\'s own section labels what it handles, then that line answers "when is A better than B", at every level', () => {
    for (const level of levels)
      expect(
        answer(level, 'When is an occupancy grid better than a feature map?', [grid, features]),
        String(level),
      ).toContain('Cluttered rooms with irregular obstacles');
  });
});

describe("answering units: the book's own comparison table", () => {
  const patterns = passage(
    'patterns',
    ['Communication', 'Actions'],
    [
      'An action is a long goal; under the hood it is built from services and topics.',
      '',
      '| Pattern | Direction | Typical use |',
      '|---------|-----------|-------------|',
      '| Topic | Many-to-many, one-way | Streams of sensor data |',
      '| Service | One-to-one, request/reply | Fast queries and settings |',
      '| Action | One-to-one, goal/feedback | Long tasks |',
    ].join('\n'),
    0.8,
  );
  const qos = passage(
    'qos',
    ['Communication', 'Quality of service'],
    'Quality of service is a set of rules that says how carefully messages are delivered on a topic.',
    0.85,
  );

  it('when a table has a row for each side, then it answers "A vs B" before a sentence that only names both, at every level', () => {
    for (const level of levels) {
      const text = answer(level, 'What is the difference between a topic and a service?', [qos, patterns]);
      // The table, or for a Beginner its two rows said in words, comes first.
      const lead = text.replace(/^Words to know:\n(?:- .*\n)+\n/, '');
      expect(lead, String(level)).toMatch(
        level === 'Beginner' ? /^For Topic, Direction: Many-to-many/ : /^Table \[1\]:\n\n\| Pattern \|/,
      );
      expect(text, String(level)).toContain('Quality of service');
    }
  });

  it('when the sides name no rows of the table (or one row holds both), then the table is no comparison of them', () => {
    const one = passage(
      'one',
      ['Notes'],
      '| Term | Meaning |\n|---|---|\n| Topic and service | Two ways to talk |',
      0.8,
    );
    for (const level of levels)
      expect(
        answer(level, 'What is the difference between a topic and a service?', [qos, one]).split('\n')[0],
        String(level),
      ).toMatch(/^(?:Words to know:|Quality of service)/);
  });
});

describe('answering units: a command block that does not say what is asked', () => {
  const compliance = passage(
    'compliance',
    ['Manipulation', 'Safe Interaction'],
    [
      'For safe human-robot interaction, impedance control creates a virtual spring-like behavior:',
      '',
      '```python',
      'class ImpedanceController:',
      '    def force(self, error, velocity):',
      '        return self.stiffness * error + self.damping * velocity',
      '```',
    ].join('\n'),
    0.9,
  );
  const setup = passage(
    'setup',
    ['Manipulation', 'Arm Setup'],
    [
      'Set up MoveIt 2 for the arm:',
      '',
      '```bash',
      'ros2 launch moveit_setup_assistant setup_assistant.py',
      '```',
    ].join('\n'),
    0.7,
  );

  it("when a how-to's verb is not among another section's shell commands, then they rank as any other code and the better passage's sentence leads, at every level", () => {
    for (const level of levels) {
      const text = answer(
        level,
        'How do I make a robot arm behave like a soft spring when people touch it?',
        [compliance, setup],
      );
      expect(text, String(level)).toMatch(
        /^For safe human-robot interaction, impedance control creates a virtual spring-like behavior/,
      );
    }
  });
});

describe('answering units: a definition scoped to a context', () => {
  it('when "What is X in Y?" meets a definition of Y and a statement about X, then the definition of Y does not lead, at every level', () => {
    const docs = [
      passage(
        'framework',
        ['Framework', 'What is Skyline?'],
        'Skyline is not a database despite its name. It is a message framework for robot programs.',
        0.9,
      ),
      passage(
        'patterns',
        ['Framework', 'Calls (Request-Reply)'],
        'Calls provide synchronous, one-to-one exchanges: a client sends a request and waits for the reply.',
        0.8,
      ),
    ];
    for (const level of levels) {
      const text = answer(level, 'What is a call in Skyline?', docs);
      expect(text.indexOf('one-to-one')).toBeGreaterThanOrEqual(0);
      expect(
        text.indexOf('not a database') === -1 || text.indexOf('one-to-one') < text.indexOf('not a database'),
      ).toBe(true);
    }
  });

  it('when the book names the context in many places (a low IDF), then a definition of the context does not answer "What is a Skyline call?"', () => {
    const docs = [
      passage(
        'framework',
        ['Framework', 'What is Skyline?'],
        'Skyline is not a database despite its name.',
        0.9,
      ),
      passage(
        'patterns',
        ['Framework', 'Calls (Request-Reply)'],
        'Calls provide synchronous, one-to-one exchanges: a client sends a request and waits for the reply.',
        0.8,
      ),
    ];
    const persona = buildPersona({ userId: null, profile: null });
    const compose = (termWeights?: Record<string, number>) =>
      new ExtractiveGenerator().compose({
        query: 'What is a Skyline call?',
        persona,
        documents: docs,
        termWeights,
      }).text;
    expect(compose()).toMatch(/^Skyline is not a database/);
    expect(compose({ skyline: 0.4, call: 2.1 }).indexOf('one-to-one')).toBeGreaterThanOrEqual(0);
    expect(compose({ skyline: 0.4, call: 2.1 })).not.toMatch(/^Skyline is not a database/);
  });
});

describe('answering units: support under a heading that names the subject', () => {
  it("when a fact sits in an item that never repeats the subject but its section's heading names it, then it supports the lead at every level", () => {
    const docs = [
      passage(
        'deploy',
        ['Deployment', 'On the robot'],
        'Kestrel-VLA is practical on a real robot: it runs onboard, so it keeps working when the network drops.',
        0.9,
      ),
      passage(
        'kestrel',
        ['Models', 'Kestrel-VLA'],
        ['- Memory: 2 GB of RAM after quantization', '- Latency: 15 ms per action on a Jetson board'].join(
          '\n',
        ),
        0.85,
      ),
      passage(
        'arms',
        ['Hardware', 'Arms'],
        'The arm has seven joints and needs a 24 V supply, which is practical for a lab bench.',
        0.5,
      ),
    ];
    for (const level of levels) {
      const text = answer(level, 'Is Kestrel-VLA practical?', docs);
      expect(text, String(level)).toMatch(/^Kestrel-VLA is practical on a real robot/);
      expect(text, String(level)).toContain('2 GB of RAM');
      expect(text, String(level)).not.toContain('seven joints');
    }
  });
});

describe('answering units: a reason said in everyday words', () => {
  const plain = 'Quill keeps one configuration per project, next to its package file.';
  it.each([
    'This is to make sure that Quill keeps one configuration per project.',
    "That's why Quill keeps one configuration per project.",
    "Here's why Quill keeps one configuration per project.",
    'For this reason, Quill keeps one configuration per project.',
  ])(
    'when a sentence gives the reason as "%s", then a why-question scores it above the same words without it',
    (reason) => {
      const focus = focusOf(readQuestion('Why does Quill keep one configuration per project?'), []);
      const [first] = scoreCandidates(
        [plain, reason].flatMap((text, doc) =>
          splitUnits(text).map((unit) => ({ unit, doc, asideSection: false, rank: 1 })),
        ),
        focus,
      );
      expect(first!.unit.text).toBe(reason);
    },
  );
});

describe('answering units: why something falls short', () => {
  const sonar = passage(
    'sonar',
    ['Sensors', 'Ranging: Sonar'],
    [
      'Sonar measures distance with sound pulses and is cheap enough for every robot.',
      '',
      'Advantages:',
      '- Cheap and robust',
      '- Works in smoke and darkness',
      '',
      'Disadvantages:',
      '- Soft fabric surfaces absorb the pulse',
      '- Wide beam blurs small obstacles',
    ].join('\n'),
    0.8,
  );

  it('when a why-question asks why a thing cannot do something, then its list of drawbacks leads, at every level', () => {
    for (const level of levels) {
      const text = answer(level, "Why can't sonar see a curtain?", [sonar]).replace(
        /^Words to know:\n(?:- .*\n)+\n/,
        '',
      );
      expect(text, String(level)).toMatch(/^Disadvantages \[1\]:\n- Soft fabric surfaces absorb the pulse/);
    }
  });

  it('when a list is introduced as the reasons ("Why latency matters:"), then its items answer a why-question', () => {
    const cloud = passage(
      'cloud',
      ['Lab', 'Cloud control'],
      [
        'Run the walking controller on the robot itself, next to its motors.',
        '',
        'Why latency matters:',
        '- A 100 ms delay means the body has already moved before the command of the walking controller arrives',
        '- A fall starts within a few tens of milliseconds',
      ].join('\n'),
      0.8,
    );
    expect(answer(null, 'Why should the walking controller not run in the cloud?', [cloud])).toMatch(
      /^Why latency matters \[1\]:\n- A 100 ms delay means/,
    );
  });

  it('reads the stance of a why-question from its words', () => {
    expect(readQuestion("Why can't lidar see glass windows?").stance).toBe('against');
    expect(readQuestion('why are pneumatic actuators so bad at precise positioning?').stance).toBe('against');
    expect(readQuestion('Why should I use Immer for updates?').stance).toBeUndefined();
    expect(readQuestion('Why does a topic drop messages?').stance).toBeUndefined();
    expect(readQuestion('What is a topic?').stance).toBeUndefined();
  });
});

describe('answering units: a troubleshooting entry', () => {
  const entry =
    "Problem: Nodes on two machines can't see each other Cause: A firewall blocks UDP multicast Fix: Open the firewall or use a discovery server";
  const plain = "Nodes on two machines can't see each other when the network is slow.";
  const first = (query: string) =>
    scoreCandidates(
      [plain, entry].flatMap((text, doc) =>
        splitUnits(text).map((unit) => ({ unit, doc, asideSection: false, rank: 1 })),
      ),
      focusOf(readQuestion(query), []),
    )[0]!.unit.text;

  it('when its lines run together ("Problem: … Cause: … Fix: …"), then it is no jumble: its fix answers how to, its cause why', () => {
    expect(first('How do I get nodes on two machines to see each other?')).toBe(entry);
    expect(first("Why can't nodes on two machines see each other?")).toBe(entry);
  });
});

describe('answering units: the number a quantity question asks for', () => {
  const example = passage(
    'latency',
    ['Latency budgets', 'Example: Ball-catching robot'],
    'Task: Catch a ball thrown at 10 m/s from 3 meters away. Available time: 3 m ÷ 10 m/s = 300 ms.',
    0.8,
  );
  const general = passage(
    'time',
    ['Physical time'],
    'A robot catching a ball has approximately 500 milliseconds from the throw until it must complete the catch.',
    0.5,
  );

  it('when a worked example\'s numbers sit beside the book\'s general statement, then the statement answers "how long …?", at every level', () => {
    for (const level of levels) {
      const text = answer(level, 'roughly how long does a robot get to catch a ball?', [example, general]);
      expect(text, String(level)).toMatch(
        /approximately 500 milliseconds|about 500 milliseconds|500 milliseconds/,
      );
      expect(text.replace(/^Words to know:\n(?:- .*\n)+\n/, '').split('\n')[0], String(level)).toContain(
        '500 milliseconds',
      );
    }
  });

  const top = (query: string, texts: string[]) =>
    scoreCandidates(
      texts.flatMap((text, doc) =>
        splitUnits(text).map((unit) => ({ unit, doc, asideSection: false, rank: 1 })),
      ),
      focusOf(readQuestion(query), []),
    )[0]!.unit.text;

  it('when the reader asks for a rough figure, then the number the book gives as typical answers before an exact one', () => {
    const exact = 'In the test the robot had 300 ms to catch the ball.';
    const typical = 'A robot has approximately 500 ms to catch a ball.';
    expect(top('roughly how long does a robot have to catch a ball?', [exact, typical])).toBe(typical);
    expect(top('how long does a robot have to catch a ball?', [exact, typical])).toBe(exact);
  });

  it.each([
    [
      'what ios version does a phone need for the viewer?',
      'We chose to support iOS phones first because phones are consistent across generations.',
      '- Client: A phone running iOS 16 or later, with the viewer installed.',
    ],
    [
      'is the old simulator still maintained? when did it stop',
      'Some older projects still use the old simulator, but the new simulator is maintained and gets new features.',
      'The old simulator reached its end-of-life in January 2025 and is no longer maintained.',
    ],
  ])(
    'when the question asks for a version or a date (%s), then the unit that states one leads',
    (query, other, stated) => {
      const documents = [passage('a', ['Setup'], other, 0.8), passage('b', ['Requirements'], stated, 0.6)];
      for (const level of levels) {
        const lead = answer(level, query, documents)
          .replace(/^Words to know:\n(?:- .*\n)+\n/, '')
          .split('\n')[0]!;
        expect(lead, String(level)).toMatch(/iOS 16|January 2025/);
      }
    },
  );
});
