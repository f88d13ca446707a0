import { describe, expect, it } from 'vitest';
import { answer, passage } from '../../../../test/support/extractive-answers.js';

/** How a Beginner's answer is said, against the other levels, pinned with text built here. */

describe('Beginner wording: facts and sources', () => {
  it('when the answering sentence cites its source by author and year, then a Beginner reads it without the citation and the other levels with it', () => {
    const docs = [
      passage(
        'control',
        ['Control', 'Whole-body control'],
        'The walking controller of the Kestrel robot recomputes its motor commands at 500 Hz by solving a small quadratic program (Okafor et al., 2019).',
        0.8,
      ),
    ];
    const query = 'How often does Kestrel compute its motor commands?';
    const beginner = answer('Beginner', query, docs);
    expect(beginner).toContain('at 500 Hz');
    expect(beginner).not.toContain('Okafor');
    expect(answer('Advanced', query, docs)).toContain('(Okafor et al., 2019)');
  });

  it('when a list item next to the answering one holds a number in parentheses, then a Beginner keeps the number', () => {
    const docs = [
      passage(
        'kestrel',
        ['Robots', 'Kestrel', 'Design'],
        'Design goals:\n- Reuse the factory tooling of the car line\n- Mass production at automotive scale ($20-30k target cost)\n- Vision-only perception (like the cars of the same company)',
        0.8,
      ),
    ];
    const beginner = answer('Beginner', 'What price is Kestrel aiming for?', docs);
    expect(beginner).toContain('($20-30k target cost)');
    expect(beginner).not.toContain('like the cars of the same company');
  });
});

describe('Beginner wording: the answering sentence keeps its verbs', () => {
  it('when the answering sentence ends on what it brings about, then a Beginner reads it as the book says it, and a supporting one split', () => {
    const docs = [
      passage(
        'cspace',
        ['Planning', 'Configuration space'],
        'A wheeled robot on a flat floor has a position and a heading, resulting in a three-dimensional configuration space. Gyroscope readings accumulate small errors over time, leading to large drift in the estimated heading of the robot.',
        0.8,
      ),
    ];
    const beginner = answer(
      'Beginner',
      'How many dimensions does the configuration space of a wheeled robot have?',
      docs,
    );
    expect(beginner).toMatch(
      /^A wheeled robot on a flat floor has a position and a heading, resulting in a three-dimensional configuration space/,
    );
    expect(beginner).toContain('This leads to large drift');
  });
});

describe('Beginner wording: which supporting sentences', () => {
  const lead = 'A gripper closes its two fingers around the part it picks up.';
  const plain = 'The fingers stop when they feel the part. Then the arm lifts it.';
  const dense =
    'Contemporary parallel-jaw manipulators incorporate proprioceptive torque estimation, electromechanical compliance and configurable admittance characteristics.';

  it('when a supporting sentence reads like college text, then a Beginner is spared it while the other levels keep it', () => {
    const docs = [passage('grippers', ['Hands', 'Grippers'], `${lead} ${plain}\n\n${dense}`, 0.8)];
    const query = 'How does a gripper hold a part?';
    const beginner = answer('Beginner', query, docs);
    expect(beginner).toContain('closes its two fingers');
    expect(beginner).not.toContain('proprioceptive');
    expect(answer('Advanced', query, docs)).toContain('proprioceptive');
  });

  it('when every supporting sentence is hard, then a Beginner still gets the best of them rather than the lead alone', () => {
    const docs = [passage('grippers', ['Hands', 'Grippers'], `${lead}\n\n${dense}`, 0.8)];
    expect(answer('Beginner', 'How does a gripper hold a part?', docs)).toContain('proprioceptive');
  });
});

describe('Beginner wording: words to know', () => {
  it('when a defined term appears only inside a hyphenated name, then it is not among the words to know, while a term joined to a number is', () => {
    const docs = [
      passage(
        'glossary',
        ['Glossary'],
        '- **Embodiment**: The body itself takes part in computing.\n- **DOF**: One independent way a joint can move.',
        0.3,
      ),
      passage(
        'models',
        ['Models', 'Kestrel-VLA'],
        'Kestrel-VLA was trained on the Open X-Embodiment data set for a 7-DOF arm.',
        0.8,
      ),
    ];
    const beginner = answer('Beginner', 'What data was Kestrel-VLA trained on?', docs);
    expect(beginner).toContain('Open X-Embodiment');
    expect(beginner).toContain('**DOF**');
    expect(beginner).not.toContain('**Embodiment**');
  });
});

describe('Beginner wording: list items said on their own', () => {
  it('when the items of an introduced list end in commas, then they are joined without them', () => {
    const docs = [
      passage(
        'actions',
        ['Actions', 'Action vectors'],
        'The central trick of these models is to represent actions as text tokens. Each action is a small vector:\n\n- 3 numbers for the change in the position of the gripper,\n- 3 numbers for the change in its rotation,\n- 1 number for the gripper opening,\n- 1 flag that says whether the episode should end.\n\nEach continuous dimension of an action is discretized into 256 bins, so every value becomes an integer from 0 to 255.',
        0.8,
      ),
    ];
    const beginner = answer('Beginner', 'How many bins does the model use for each action dimension?', docs);
    expect(beginner).toContain('256 bins');
    expect(beginner).toContain('3 numbers for the change in its rotation');
    expect(beginner).not.toMatch(/,[.;]/);
  });
});

describe('Beginner wording: a comparison answered by a table', () => {
  it('when the two sides are the columns of the table, then a Beginner gets the row the question asks about, said for each side', () => {
    const docs = [
      passage(
        'simulators',
        ['Simulation', 'Choosing a simulator'],
        'Both simulators run the same robot models.\n\nFeature | Kestrel Sim | Falcon Sim\nPhysics engine | ODE | PhysX (GPU)\nSimulation speed | 1-10x realtime | 10-100x realtime (GPU)\nRendering | OpenGL | Ray tracing',
        0.8,
      ),
    ];
    const beginner = answer('Beginner', 'How fast is Falcon Sim compared with Kestrel Sim?', docs);
    expect(beginner).toContain(
      'For Simulation speed, Kestrel Sim: 1-10x realtime; Falcon Sim: 10-100x realtime (GPU)',
    );
    expect(beginner).not.toContain('| --- |');
  });
});

describe('Beginner wording: the most relevant supporting sentence', () => {
  it('when the sentence that best supports the lead is less plain than others on the page, then a Beginner still gets it', () => {
    const docs = [
      passage(
        'frames',
        ['Frames', 'Map and odom'],
        [
          'The chain of frames always runs from map to odom to base.',
          '- odom: continuous and smooth, but drifts over time as wheel errors accumulate.',
          '- map: fixed in the world.',
          '- base: attached to the robot.',
          '- camera: on the head.',
          '- laser: on the base.',
        ].join('\n'),
        0.8,
      ),
    ];
    const beginner = answer('Beginner', 'What is the odom frame compared with the map frame?', docs);
    expect(beginner).toContain('continuous and smooth, but drifts over time');
  });

  it('when the second and third most relevant supporting sentences are less plain than others on the page, then a Beginner gets them as every reader does; where one is too hard, the plainest other takes its place', () => {
    const text = (third: string) =>
      [
        'The Kestrel gripper senses finger torque to hold fragile parts.',
        'Torque sensing in the Kestrel gripper limits the squeezing force on glass and fruit.',
        'The Kestrel gripper checks the finger torque against a set limit for each material it handles.',
        third,
        '',
        'The gripper is small and light. Its fingers are painted blue.',
      ].join(' ');
    const docs = [
      passage(
        'grip',
        ['Hands', 'Kestrel gripper'],
        text('Without torque sensing, the Kestrel gripper would crush delicate parts during assembly.'),
        0.8,
      ),
    ];
    const query = 'Why does the Kestrel gripper sense finger torque?';
    const beginner = answer('Beginner', query, docs);
    for (const fact of [
      'limits the squeezing force',
      'checks the finger torque',
      'would crush delicate parts',
    ])
      expect(beginner, fact).toContain(fact);
    expect(beginner).not.toMatch(/small and light|painted blue/);
    // College text in place of the third: the plainest other sentence fills its place.
    const hard = [
      passage(
        'grip',
        ['Hands', 'Kestrel gripper'],
        text(
          'Without proprioceptive torque estimation, the Kestrel gripper would irreversibly deform electromechanical subassemblies.',
        ),
        0.8,
      ),
    ];
    const plainer = answer('Beginner', query, hard);
    expect(plainer).not.toContain('proprioceptive');
    expect(plainer).toMatch(/small and light|painted blue/);
  });
});
