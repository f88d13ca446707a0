import { describe, expect, it } from 'vitest';
import {
  everydayWords,
  formulaInWords,
  readingEase,
  spellsOut,
  splitLong,
  spokenInline,
  symbolsInWords,
  withoutAsides,
  withoutCitations,
} from './plain-words.js';

describe('plain words for Beginners', () => {
  it('when a long sentence gives its subject another name between commas, then the statement comes first and the other name after, in a sentence of its own', () => {
    expect(
      splitLong(
        'Physical AI, also known as embodied AI, refers to systems that have a physical form and act in the real world.',
      ),
    ).toEqual([
      'Physical AI refers to systems that have a physical form and act in the real world.',
      'It is also known as embodied AI.',
    ]);
    expect(
      splitLong(
        'A topic, or channel, carries messages of one type from the nodes that publish to every subscriber.',
      ),
    ).toEqual([
      'A topic carries messages of one type from the nodes that publish to every subscriber.',
      'It is also called channel.',
    ]);
  });

  it('when a sentence is short, then another name between commas stays where it is', () => {
    expect(splitLong('ROS, also called the Robot Operating System, is middleware.')).toEqual([
      'ROS, also called the Robot Operating System, is middleware.',
    ]);
  });

  it('when a sentence opens with a participle aside between commas, then the aside goes and the statement stays', () => {
    expect(
      withoutAsides(
        'Traditional cognitive science, influenced heavily by the computational theory of mind, viewed intelligence as symbol manipulation.',
      ),
    ).toBe('Traditional cognitive science viewed intelligence as symbol manipulation.');
    // A clause that is the statement itself is not an aside.
    expect(withoutAsides('The robot moved, and it stopped.')).toBe('The robot moved, and it stopped.');
  });

  it('when two texts differ in sentence and word length, then the plainer one reads easier', () => {
    expect(readingEase('The arm moves. It stops.')).toBeGreaterThan(
      readingEase('Manipulator trajectories necessitate computationally intensive optimization procedures.'),
    );
    expect(readingEase('')).toBe(0);
  });

  it('when dollar signs mark prices, not a formula, then the prices are said as written', () => {
    expect(spokenInline('On-Demand: $1.006-2.112 per hour (us-east-1: ~$1.006/hour)')).toBe(
      'On-Demand: $1.006-2.112 per hour (us-east-1: ~$1.006/hour)',
    );
    expect(spokenInline('A kit costs $1,500-$2,500.')).toBe('A kit costs $1,500-$2,500.');
    // A formula still is one: its dollar signs touch it and no digit follows the closing one.
    expect(spokenInline('The force is $F = ma$ at rest.')).toBe('The force is F equals ma at rest.');
    expect(spokenInline('From $5 to $ 10, and $x$.')).toBe('From $5 to $ 10, and x.');
  });
});

describe('plain words for Beginners: the shorthand of notes said in words', () => {
  it('when a line uses arrows, plus signs, tildes, comparison signs or Latin abbreviations, then they are said in words, inline code kept as it is', () => {
    expect(symbolsInWords('Accelerometer + gyroscope')).toBe('Accelerometer and gyroscope');
    expect(symbolsInWords('YOLOv8: 5 FPS (CPU) → 60 FPS (GPU)')).toBe(
      'YOLOv8: 5 FPS (CPU), then 60 FPS (GPU)',
    );
    expect(symbolsInWords('Runs at ~30 Hz with <20 ms latency and >90% recall')).toBe(
      'Runs at about 30 Hz with under 20 ms latency and over 90% recall',
    );
    expect(symbolsInWords('Cheap sensors, e.g. sonar, drift')).toBe(
      'Cheap sensors, for example, sonar, drift',
    );
    expect(symbolsInWords('Camera vs LiDAR')).toBe('Camera compared with LiDAR');
    expect(symbolsInWords('Use `a -> b` and `x + y` in code')).toBe('Use `a -> b` and `x + y` in code');
    // Signs that are part of a word or a number stay: "3+ feet", "C++", "x86".
    expect(symbolsInWords('Stable (always 3+ feet on ground) in C++')).toBe(
      'Stable (always 3+ feet on ground) in C++',
    );
    expect(everydayWords('Depth + RGB + IMU')).toBe('Depth and RGB and IMU');
  });
});

describe('plain words for Beginners: everyday words stay grammatical', () => {
  it('when "however" stands between commas, then it stays; opening a sentence, it becomes "But"', () => {
    expect(everydayWords('Physical actions, however, have irreversible consequences.')).toBe(
      'Physical actions, however, have irreversible consequences.',
    );
    expect(everydayWords('The arm moved. However, the robot stops.')).toBe(
      'The arm moved. But the robot stops.',
    );
  });

  it('when "allows" or "enables" has no verb after its object, then it stays: "lets controlled startup" is no sentence', () => {
    expect(everydayWords('Managed nodes allow controlled startup and enable clean shutdown.')).toBe(
      'Managed nodes allow controlled startup and enable clean shutdown.',
    );
    expect(everydayWords('This allows you to restart the node.')).toBe('This lets you restart the node.');
  });

  it('when a word says exactly "more than one", then it stays: "many" would say more', () => {
    expect(everydayWords('Inverse kinematics may have multiple solutions or no solution.')).toBe(
      'Inverse kinematics may have multiple solutions or no solution.',
    );
  });

  it('when a sentence uses a formal word that has an everyday one of the same sense, then the everyday word is said', () => {
    expect(
      everydayWords(
        'Humanoids possess a crucial advantage: they are commonly utilized in spaces built exclusively for people.',
      ),
    ).toBe('Humanoids have a key advantage: they are often used in spaces built only for people.');
    expect(everydayWords('Fundamental research has demonstrated that feedback enhances stability.')).toBe(
      'Basic research has shown that feedback improves stability.',
    );
    expect(everydayWords('The node establishes a connection without assistance.')).toBe(
      'The node sets up a connection without help.',
    );
  });

  it('when a sentence uses "primary", "seamless", "various", "capabilities", "provide" or "within the", then the everyday words are said, and "within" before a number stays', () => {
    expect(
      everydayWords(
        'The primary goal is seamless control of various robots within the lab, providing new capabilities.',
      ),
    ).toBe('The main goal is smooth control of different robots in the lab, giving new abilities.');
    expect(everydayWords('Sensors provide data, ensuring the robot stops within 2 seconds.')).toBe(
      'Sensors give data, making sure the robot stops within 2 seconds.',
    );
  });

  it('when a swapped word follows "an" or is a noun, then the sentence keeps its grammar and meaning', () => {
    expect(everydayWords('Add an additional sensor to each leg.')).toBe('Add another sensor to each leg.');
    expect(everydayWords('The first attempt failed, so it attempts to reconnect.')).toBe(
      'The first attempt failed, so it tries to reconnect.',
    );
    expect(everydayWords('An identical copy keeps an approximate value.')).toBe(
      'An identical copy keeps an approximate value.',
    );
    expect(everydayWords('The mass determines the inertia of each individual link.')).toBe(
      'The mass determines the inertia of each individual link.',
    );
  });

  it('when a sentence says "capable of", then it is kept: "can" fits neither "capable of running" nor "capable of great precision"', () => {
    expect(everydayWords('JavaScript engines are capable of running many calls per second.')).toBe(
      'JavaScript engines are capable of running many calls per second.',
    );
    expect(everydayWords('The arm is capable of great precision.')).toBe(
      'The arm is capable of great precision.',
    );
    expect(everydayWords('A motor capable of sensing its load is safer.')).toBe(
      'A motor capable of sensing its load is safer.',
    );
  });
});

describe('plain words for Beginners: asides that hold the facts stay', () => {
  it('when an aside in parentheses holds a number, then it stays: a number is a fact of the book', () => {
    expect(withoutAsides('Mass production at automotive scale ($20-30k target cost)')).toBe(
      'Mass production at automotive scale ($20-30k target cost)',
    );
    expect(withoutAsides('Training data: Open X-Embodiment (970k trajectories, 22 robots)')).toBe(
      'Training data: Open X-Embodiment (970k trajectories, 22 robots)',
    );
    expect(withoutAsides('Input: RGB images (e.g., 224x224 from the wrist camera).')).toBe(
      'Input: RGB images (e.g., 224x224 from the wrist camera).',
    );
    // Asides without a number still go.
    expect(withoutAsides('Depth cameras work indoors (not in bright sunlight outside).')).toBe(
      'Depth cameras work indoors.',
    );
  });

  it('when an aside spells out the abbreviation before it, then it goes even with a number in it', () => {
    expect(spellsOut('Utilizes the IMU', 'inertial measurement unit, 200 Hz')).toBe(true);
    expect(spellsOut('ROS 2 uses DDS', 'Data Distribution Service')).toBe(true);
    expect(spellsOut('Mass production', '$20-30k target cost')).toBe(false);
    expect(
      withoutAsides('The estimator reads the IMU (inertial measurement unit, 200 Hz) for the pose.'),
    ).toBe('The estimator reads the IMU for the pose.');
  });

  it('when a sentence cites its source by author and year, then the citation goes and every other word stays', () => {
    expect(
      withoutCitations(
        'ASIMO demonstrated stable biped walking, representing a major achievement (Siciliano & Khatib, 2016).',
      ),
    ).toBe('ASIMO demonstrated stable biped walking, representing a major achievement.');
    expect(
      withoutCitations('Legs move in phase with the body (Brooks, 1991; Pfeifer and Bongard, 2006).'),
    ).toBe('Legs move in phase with the body.');
    expect(withoutCitations('Sensor fusion uses Kalman filters (Thrun et al., 2005) on every robot.')).toBe(
      'Sensor fusion uses Kalman filters on every robot.',
    );
    // Years and names that are the book's facts are not citations.
    expect(withoutCitations('Honda P-Series and ASIMO (1993-2000) walked (ROS Master).')).toBe(
      'Honda P-Series and ASIMO (1993-2000) walked (ROS Master).',
    );
    // Two words ("Brooks, 1991") were too short to be dropped as an aside; as a citation they go.
    expect(withoutAsides('Behaviour comes from layered reflexes (Brooks, 1991).')).toBe(
      'Behaviour comes from layered reflexes.',
    );
  });
});

describe('plain words for Beginners: rewording never breaks the sentence', () => {
  it('when the examples after "such as" are a list, then the whole list goes, not only its first item', () => {
    expect(
      withoutAsides(
        'A sensor turns a physical quantity, such as light, acceleration or force, into a number the computer can use.',
      ),
    ).toBe('A sensor turns a physical quantity into a number the computer can use.');
    expect(withoutAsides('Cheap sensors, such as sonar, drift over time.')).toBe(
      'Cheap sensors drift over time.',
    );
    // A list that runs to the end of the sentence is part of it.
    const end = "A frame is attached to something, such as the robot's base, its camera or the map.";
    expect(withoutAsides(end)).toBe(end);
  });

  it('when a formula holds \\top, \\to or \\int, then each is read as its own command', () => {
    expect(formulaInWords('w = J J^\\top')).toBe('w equals J J transposed');
    expect(formulaInWords('x \\to 0')).toBe('x goes to 0');
    expect(formulaInWords('\\int f')).toBe('the integral of f');
  });
});
