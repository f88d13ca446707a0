import { describe, expect, it } from 'vitest';
import { isClause, liftEntryRelative, liftRelative, splitLong } from './split-sentences.js';

describe('splitting long sentences for Beginners', () => {
  it('when a conjunction joins two statements, then the sentence is split and the second keeps its subject', () => {
    expect(
      splitLong(
        'Handling every possible action in one function does not scale well, so it makes sense to split the work into smaller functions.',
      ),
    ).toEqual([
      'Handling every possible action in one function does not scale well.',
      'It makes sense to split the work into smaller functions.',
    ]);
    expect(
      splitLong(
        'The map frame is fixed in the world and never drifts, but the robot position in it can jump after a correction.',
      ),
    ).toEqual([
      'The map frame is fixed in the world and never drifts.',
      'The robot position in it can jump after a correction.',
    ]);
  });

  it('when a participle says what the statement brings about, then it is a sentence of its own, except in the answering sentence, whose verbs stay', () => {
    const drift =
      'Gyroscope readings accumulate small errors over time, leading to large drift in the estimated heading of the robot.';
    expect(splitLong(drift)).toEqual([
      'Gyroscope readings accumulate small errors over time.',
      'This leads to large drift in the estimated heading of the robot.',
    ]);
    expect(
      splitLong(
        'A wheeled robot on a flat floor has a position and a heading, resulting in a three-dimensional configuration space.',
      ),
    ).toEqual([
      'A wheeled robot on a flat floor has a position and a heading.',
      'This results in a three-dimensional configuration space.',
    ]);
    expect(splitLong(drift, { keepVerbs: true })).toEqual([drift]);
  });

  it('when a long sentence says what something is and a relative clause goes on to describe it, then it is said as two statements, in a supporting sentence only', () => {
    const gazebo =
      'Gazebo is a powerful open-source 3D robotics simulator that lets you accurately simulate populations of robots in complex indoor and outdoor environments.';
    expect(splitLong(gazebo)).toEqual([
      'Gazebo is a powerful open-source 3D robotics simulator.',
      'It lets you accurately simulate populations of robots in complex indoor and outdoor environments.',
    ]);
    expect(
      splitLong(
        'Depth cameras are small sensors that measure the distance to every pixel of the image they take.',
      ),
    ).toEqual([
      'Depth cameras are small sensors.',
      'They measure the distance to every pixel of the image they take.',
    ]);
    expect(splitLong(gazebo, { keepVerbs: true })).toEqual([gazebo]);
  });

  it("when a glossary entry's long noun phrase goes on in a relative clause, then the phrase and what it does are said one at a time", () => {
    expect(
      liftEntryRelative(
        'A virtual replica of a physical system that maintains a synchronized connection with its real-world counterpart.',
      ),
    ).toEqual([
      'A virtual replica of a physical system.',
      'It maintains a synchronized connection with its real-world counterpart.',
    ]);
    // Short, or "that" is not the subject of its clause: the entry stays whole.
    expect(liftEntryRelative('A tool that tests scenarios.')).toBeUndefined();
    expect(
      liftEntryRelative('The format that ROS 2 uses to describe every link and joint of a robot model.'),
    ).toBeUndefined();
  });

  it('when the relative pronoun is not the subject of its clause, then the sentence stays whole', () => {
    // "that the robot description uses": "It the robot description uses …" is no sentence.
    expect(
      liftRelative(
        'A URDF file is the format that the robot description uses for all of its links and joints.',
      ),
    ).toBeUndefined();
    // A name or a pronoun after "that" is the subject of the clause.
    expect(
      liftRelative('DDS is the industry standard middleware that ROS 2 uses to discover nodes.'),
    ).toBeUndefined();
    expect(
      liftRelative(
        'What usually happens once people are using Prettier is that they realize how much time it saves.',
      ),
    ).toBeUndefined();
    // "that quickly": no verb follows.
    expect(
      liftRelative('A planner is a slow search over the whole map that quickly grows with its size.'),
    ).toBeUndefined();
  });

  it('when the words after ", but" or ", and" have no subject of their own, then the sentence stays whole', () => {
    const drifts =
      'The odom frame moves with the wheels of the robot and is continuous and smooth, but drifts over time.';
    expect(splitLong(drifts)).toEqual([drifts]);
    const list =
      'The early robot demonstrated stable biped walking, stair climbing, and basic manipulation of light objects.';
    expect(splitLong(list)).toEqual([list]);
  });

  it('when the second statement has a verb in -s and no auxiliary, then it is still a clause, unless it ends a list of short items', () => {
    expect(
      splitLong(
        'The actuator is already saturated at its torque limit, but the integral term keeps growing.',
      ),
    ).toEqual(['The actuator is already saturated at its torque limit.', 'The integral term keeps growing.']);
    const items =
      'The bridge carries images, point clouds, and joint states between the simulator and the robot.';
    expect(splitLong(items)).toEqual([items]);
  });

  it('when a colon is followed by a noun phrase rather than a clause, then the sentence stays whole', () => {
    const frame =
      'A coordinate frame is a point of view: an origin and three axes attached to something such as the base.';
    expect(splitLong(frame)).toEqual([frame]);
    expect(
      splitLong('A node has one job in the whole system: it reads a sensor and publishes what it measured.'),
    ).toEqual([
      'A node has one job in the whole system.',
      'It reads a sensor and publishes what it measured.',
    ]);
  });

  it('when a clause is opened by "which" or "because", then it stands as a sentence of its own', () => {
    expect(
      splitLong(
        'The bridge translates the message types of both sides, which lets the two systems share topics.',
      ),
    ).toEqual([
      'The bridge translates the message types of both sides.',
      'This lets the two systems share topics.',
    ]);
  });

  it('when words open with a subject and a finite verb, then they are a clause; a bare noun phrase or verb is not', () => {
    expect(isClause('it drifts over time')).toBe(true);
    expect(isClause("the robot's position in it can jump")).toBe(true);
    expect(isClause('does not drift')).toBe(false);
    expect(isClause('basic manipulation, representing an achievement')).toBe(false);
    expect(isClause('that the robot can stop')).toBe(false);
  });

  it('when a short line holds two statements joined by a semicolon, then they are said as two sentences, but not inside parentheses or code', () => {
    expect(splitLong('Mobility: biped locomotion with dynamic balance; human-like form factor')).toEqual([
      'Mobility: biped locomotion with dynamic balance.',
      'Human-like form factor',
    ]);
    const inside = 'Run the loop (read sensors; update state) at 100 Hz.';
    expect(splitLong(inside)).toEqual([inside]);
    const code = 'Type `source setup.bash; colcon build` in a new shell first.';
    expect(splitLong(code)).toEqual([code]);
  });

  it('when ", making" names an act of the subject (making decisions), then the sentence stays whole; a result (making it …) is still said with "This makes"', () => {
    const act =
      'In this model, humans supervise and guide robot behavior, making high-level decisions while robots handle low-level execution.';
    expect(splitLong(act)).toEqual([act]);
    expect(
      splitLong(
        'Voice-to-action systems let humans control robots through natural speech, making robot interaction as intuitive as talking to a person.',
      ),
    ).toEqual([
      'Voice-to-action systems let humans control robots through natural speech.',
      'This makes robot interaction as intuitive as talking to a person.',
    ]);
  });

  it('when "which" is the object of its clause, then the sentence stays whole: "This the controller uses." is no sentence', () => {
    const object =
      'Humanoids often carry one in each ankle to measure the centre of pressure, which the balance controller uses.';
    expect(splitLong(object)).toEqual([object]);
  });

  it('when the words before ", or …," already hold a verb, then they are an alternative, not another name for the subject', () => {
    const node =
      'A node is a single program, or part of a program, that does one job such as reading a camera.';
    expect(splitLong(node)).toEqual([node]);
  });

  it('when list items joined by semicolons end in a comma, then each sentence ends with a full stop alone', () => {
    expect(
      splitLong(
        'Each action is a small vector: 3 numbers for the change in position,; 1 flag that ends the episode.',
      ),
    ).toEqual([
      'Each action is a small vector: 3 numbers for the change in position.',
      '1 flag that ends the episode.',
    ]);
  });

  it('when the second verb shares the subject of the first and shows one subject, then it is said again as "It"', () => {
    expect(
      splitLong(
        'Reselect is a library for creating memoized selector functions, and was designed to be used with Redux.',
      ),
    ).toEqual([
      'Reselect is a library for creating memoized selector functions.',
      'It was designed to be used with Redux.',
    ]);
    expect(
      splitLong(
        'The configure helper wraps around the core store function, and handles most of the setup for us.',
      ),
    ).toEqual([
      'The configure helper wraps around the core store function.',
      'It handles most of the setup for us.',
    ]);
  });

  it('when the shared subject cannot be told ("you … and do"), follows a label, or opens a subordinate clause, then the sentence stays whole', () => {
    const you =
      'While the helper checks some of these rules, you should remember them, and do your best to follow them.';
    expect(splitLong(you)).toEqual([you]);
    const label = 'Odom: continuous and smooth over the whole run, but drifts over time as errors add up.';
    expect(splitLong(label)).toEqual([label]);
    const imperative =
      'Open the viewer, set the fixed frame to the base, and adds a model display to the view.';
    expect(splitLong(imperative)).toEqual([imperative]);
  });
});
