import { describe, expect, it } from 'vitest';
import { contentTerms, stem } from './terms.js';
import {
  bookVersions,
  isSpecificName,
  newerVersions,
  questionNames,
  unknownNames,
  unwrittenCompounds,
} from './unknown-terms.js';

describe('isSpecificName', () => {
  it.each(['esp32', 'ur5e', 'g1', 'moveit', 'zustand', 'dynamixel'])(
    'when the token is "%s" (letters with digits, or no English word), then it is a name',
    (token) => expect(isSpecificName(token)).toBe(true),
  );

  it.each(['chores', 'laundry', 'toolbox', 'horizon', 'robots', '2025'])(
    'when the token is "%s" (an English word or a bare number), then it is not a name',
    (token) => expect(isSpecificName(token)).toBe(false),
  );

  it.each(['ok', 'pls', 'btw', 'vs'])(
    'when the token is "%s" (a chat abbreviation the dictionary leaves out), then it is not a name',
    (token) => expect(isSpecificName(token)).toBe(false),
  );
});

describe('unknownNames', () => {
  const book = new Set(contentTerms('ROS topic, ESP32'));
  const known = (term: string) => book.has(term);

  it('when the question names something the book never uses, then that name is returned', () => {
    expect(unknownNames('How do I configure MoveIt Servo for my arm?', known)).toEqual(['moveit', 'servo']);
  });

  it('when the names occur in the book, or the unknown words are everyday English, then nothing is returned', () => {
    expect(unknownNames('Can a ROS topic run on an ESP32?', known)).toEqual([]);
    expect(unknownNames('Why are chores harder than chess for a robot?', known)).toEqual([]);
  });

  it('when a word is capitalised inside the question and the book never uses it, then it is a name even if English', () => {
    expect(unknownNames('How do I use a ROS topic with Svelte runes?', known)).toEqual(['svelte']);
    expect(unknownNames('Can a topic run on Windows?', known)).toEqual(['windows']);
  });

  it('when the capital only starts a sentence, or the whole question is in capitals, then it says nothing', () => {
    expect(unknownNames('Windows are everywhere. Topics too?', known)).toEqual([]);
    expect(unknownNames('CAN A TOPIC RUN ON WINDOWS?', known)).toEqual([]);
  });

  it('when the question shortens a name it also writes in full ("AKit" beside "AdvantageKit"), then the short form is known', () => {
    const kit = new Set(['advantagekit', 'code'].map(stem));
    expect(unknownNames('We use AdvantageKit: is this only for AKit code?', (t) => kit.has(t))).toEqual([]);
    expect(unknownNames('Is this only for AKit code?', (t) => kit.has(t))).toEqual(['akit']);
    expect(unknownNames('We use AdvantageKit: is this only for Zkit code?', (t) => kit.has(t))).toEqual([
      'zkit',
    ]);
  });

  it('when the question glues a version the book writes apart ("ros2" for "ROS 2"), then it is known', () => {
    const ros = new Set(['ros', '2', 'topic'].map(stem));
    expect(unknownNames('whats a ros2 topic', (t) => ros.has(t))).toEqual([]);
    expect(unknownNames('can ros2 run on an esp32', (t) => ros.has(t))).toEqual(['esp32']);
  });
});

describe('questionNames', () => {
  it.each([
    ['What is the price of a Boston Dynamics Spot?', ['boston', 'dynamics', 'spot']],
    ['Which Chrome version first shipped the Navigation API?', ['chrome', 'navigation', 'api']],
    ['How much does a Unitree G1 cost?', ['unitree', 'g1']],
    ['how much does a unitree g1 cost', ['unitree', 'g1']],
    ['Can an ESP32 run ros2?', ['esp', 'ros']],
    ['Why do stacked boxes shake in my simulation?', []],
    ['Is it ok to hand off jobs to a cloud server?', []],
  ])('when the question is "%s", then its names are the capitalised words and specific names', (q, names) => {
    expect(questionNames(q)).toEqual(names.map((n) => stem(n)));
  });
});

describe('newerVersions', () => {
  const versions = bookVersions([
    'Redux 5.0 ships with React-Redux 9.1. Upgrade from Redux 4.2 first.',
    'Install it on Ubuntu 22.04. Python 3.10 or later works; the board has 8GB of memory.',
  ]);

  it.each([
    ['When will Redux 6 be released?', ['redux 6']],
    ['does it run on ubuntu 24.04', ['ubuntu 24.04']],
    ['What changed in Redux 5?', []],
    ['Can I still use Redux 4?', []],
    ['Does it work with Python 3.12?', []],
    ['Is React-Redux 10 out?', []],
    ['Does the board take 16GB?', []],
  ])('when the question is "%s", then the newer versions it asks of are %j', (question, newer) => {
    expect(newerVersions(question, versions)).toEqual(newer);
  });
});

describe('unwrittenCompounds', () => {
  const book =
    'Calibrate the hand camera and the eye-in-hand mount. A plugin runs visual odometry, built in. '
      .concat('The inertial sensor is an IMU. Sim-to-real transfer needs a force torque sensor.')
      .toLowerCase();
  const writes = (pattern: RegExp) => pattern.test(book);

  it.each([
    ['how do i do hand-eye calibration', ['hand-eye']],
    ['Which package does visual-inertial odometry?', ['visual-inertial']],
    ['Does sim-to-real work with a force-torque sensor?', []],
    ['Is there a plug-in for it?', []],
    ['Is odometry built-in?', []],
    ['how do i set HAND_EYE_MODE', ['hand_eye_mode']],
    ['what does the INERTIAL_SENSOR flag do', []],
  ])('when the question is "%s", then the compounds the book never writes are %j', (question, compounds) => {
    expect(unwrittenCompounds(question, writes)).toEqual(compounds);
  });
});
