import { describe, expect, it } from 'vitest';
import { splitUnits } from './units.js';

describe('splitUnits', () => {
  const passage = [
    'A node is a process. It talks over topics, e.g. /cmd_vel.',
    '',
    '- Publishers send messages',
    '- Subscribers receive them',
    '',
    'The control law is',
    '',
    '$$',
    'u = K_p e',
    '$$',
    '',
    '````python',
    '```nested```',
    'print("hi")',
    '````',
    'name | type | default',
    'rate | int | 10',
    'frame | string | base_link',
  ].join('\n');

  it('when a passage mixes prose, a list, a formula, code and a table, then each becomes its own unit in order', () => {
    const units = splitUnits(passage);
    expect(units.map((u) => u.kind)).toEqual([
      'sentence',
      'sentence',
      'item',
      'item',
      'sentence',
      'formula',
      'code',
      'table',
    ]);
    expect(units[1]!.text).toBe('It talks over topics, e.g. /cmd_vel.');
    expect(units[2]!.text).toBe('Publishers send messages');
    expect(units[2]!.block).toBe(units[3]!.block);
    expect(units[6]!.text).toContain('```nested```');
  });

  it('when rows of cells follow each other, then they stay one Markdown table with its header', () => {
    const table = splitUnits(passage).at(-1)!;
    expect(table.text).toBe(
      [
        '| name | type | default |',
        '| --- | --- | --- |',
        '| rate | int | 10 |',
        '| frame | string | base_link |',
      ].join('\n'),
    );
    expect(table.header).toEqual(['name', 'type', 'default']);
    expect(table.rows?.map((r) => r.cells[0])).toEqual(['rate', 'frame']);
  });

  it('when a sentence without a full stop comes right before a formula, then the formula is attached to it', () => {
    const units = splitUnits(passage);
    expect(units[4]!.attached?.kind).toBe('formula');
    expect(units[0]!.attached).toBeUndefined();
  });

  it('when a chunk ends inside a code block, then the cut block is left out rather than quoted in part', () => {
    const units = splitUnits('Run this:\n\n```bash\nros2 run demo talker\nros2 run demo');
    expect(units.map((u) => u.kind)).toEqual(['sentence']);
  });

  it('when lines are captions, exercise prompts, references or transitions, then they are marked as asides', () => {
    const text = [
      'Figure 3: The robot in its cell.',
      '',
      'Exercise 2: Measure the loop rate.',
      '',
      'Smith, J. et al. (2021). Walking robots. Proceedings of ICRA.',
      '',
      'In the next chapter we will build a walking controller.',
      '',
      'A gyroscope measures angular velocity.',
      '',
      'Problem 3: Derive the inverse kinematics of a two-link arm.',
      '',
      'Task: Build a launch file for the camera.',
      '',
      "Now that you know what a topic is, let's look at services.",
      '',
      'Problem: URDF is verbose and repetitive.',
    ].join('\n');
    expect(splitUnits(text).map((u) => u.aside)).toEqual([
      true,
      true,
      true,
      true,
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it('when a sentence opens on a word that points back, then the sentence before it in its paragraph is its antecedent; not across paragraphs, after a question or a lead-in, or for "There are"', () => {
    const units = splitUnits(
      [
        'The wrap width is a guide. It never cuts a line. This keeps code readable.',
        '',
        'It applies to every file.',
        '',
        'What does Tidy do? It formats code. Tidy has three modes: They are listed below. There are two presets.',
      ].join('\n'),
    );
    const before = (text: string) => units.find((u) => u.text === text)?.antecedent?.text;
    expect(before('It never cuts a line.')).toBe('The wrap width is a guide.');
    expect(before('This keeps code readable.')).toBe('It never cuts a line.');
    expect(before('It applies to every file.')).toBeUndefined();
    expect(before('It formats code.')).toBeUndefined();
    expect(before('They are listed below.')).toBeUndefined();
    expect(before('There are two presets.')).toBeUndefined();
    expect(before('The wrap width is a guide.')).toBeUndefined();
  });

  it('when a line tells the reader to explain, describe or discuss, then it is a study prompt and aside; a statement that something explains is content', () => {
    const text = [
      '1. **Explain the role of DDS** in ROS 2 and how it enables distributed communication.',
      '2. **Compare and contrast** ROS 2 topics, services, and actions with their use cases.',
      '- Describe the lifecycle node concept and its benefits',
      '- Discuss the impact of model size on accuracy and processing time.',
      '',
      'Define Physical AI in your own words.',
      '',
      'DDS explains why ROS 2 needs no master node.',
      '',
      'This section describes how a lifecycle node moves between states.',
      '',
      'Define a reducer function that returns the new state.',
    ].join('\n');
    expect(splitUnits(text).map((u) => [u.text, u.aside])).toEqual([
      ['**Explain the role of DDS** in ROS 2 and how it enables distributed communication.', true],
      ['**Compare and contrast** ROS 2 topics, services, and actions with their use cases.', true],
      ['Describe the lifecycle node concept and its benefits', true],
      ['Discuss the impact of model size on accuracy and processing time.', true],
      ['Define Physical AI in your own words.', true],
      ['DDS explains why ROS 2 needs no master node.', false],
      ['This section describes how a lifecycle node moves between states.', false],
      ['Define a reducer function that returns the new state.', false],
    ]);
  });

  describe('when a subsection heading inside the passage comes as a line of its own', () => {
    const aside = (text: string) => splitUnits(text).map((u) => [u.text, u.aside]);

    it('then every heading of references and further reading makes the rest of the passage aside, its own sub-headings included', () => {
      for (const heading of [
        'Further information',
        'See also',
        'References',
        'External links',
        'Learn more',
      ]) {
        const units = aside(
          `Reducers may use any approach.\n\n${heading}\n\nDocumentation\n\n- Using Redux: Reducing Boilerplate\n\nDiscussions\n\n- #1167: Reducer without switch`,
        );
        expect(units, heading).toEqual([
          ['Reducers may use any approach.', false],
          [heading, true],
          ['Documentation', true],
          ['Using Redux: Reducing Boilerplate', true],
          ['Discussions', true],
          ['#1167: Reducer without switch', true],
        ]);
      }
    });

    it('then an exercise, objective or summary heading makes what follows aside up to the next heading only', () => {
      for (const heading of ['Exercises', 'Summary', 'Learning objectives', 'Key takeaways']) {
        const units = aside(
          `${heading}\n\n- Count: how many samples\n\nSpread\n\n- Range: the largest minus the smallest`,
        );
        expect(units, heading).toEqual([
          [heading, true],
          ['Count: how many samples', true],
          ['Spread', false],
          ['Range: the largest minus the smallest', false],
        ]);
      }
    });

    it('then a labelled statement, a sentence or a long line is no heading, whatever its first word', () => {
      for (const line of [
        'Problem: URDF is verbose and repetitive',
        'Summary statistics are computed over the visible range.',
        'References to frames are resolved by the TF tree at lookup time and cached',
      ]) {
        expect(aside(`${line}\n\nXacro adds macros and math to URDF.`).at(-1), line).toEqual([
          'Xacro adds macros and math to URDF.',
          false,
        ]);
      }
    });
  });

  it('when a full stop has no space after it (an address, a version, a member), then the sentence goes on', () => {
    const texts = splitUnits(
      'Use the roboRIO address 10.TE.AM.2 when tethered. Call robot.Drive() first. Install v1.TE later.',
    ).map((u) => u.text);
    expect(texts).toEqual([
      'Use the roboRIO address 10.TE.AM.2 when tethered.',
      'Call robot.Drive() first.',
      'Install v1.TE later.',
    ]);
  });

  it('when a cell holds an escaped pipe, then the rows stay one table with a cell per column and the pipe is the cell’s', () => {
    const table = splitUnits(
      'Default | CLI Override | API Override\n"preserve" | --prose-wrap <always\\|never\\|preserve> | proseWrap: "<always\\|never>"',
    ).at(-1)!;
    expect(table.kind).toBe('table');
    expect(table.rows?.[0]?.cells).toEqual([
      '"preserve"',
      '--prose-wrap <always|never|preserve>',
      'proseWrap: "<always|never>"',
    ]);
    expect(table.text).toContain('| "preserve" | --prose-wrap <always\\|never\\|preserve> |');
  });

  it('when a heading line stands alone right before a list, then it introduces the list as a lead-in does, and a heading line before prose introduces nothing', () => {
    const units = splitUnits(
      'GPU families differ.\n\nG5 Instance Family\n\n- GPU Type: NVIDIA A10G\n- Memory: 24 GB\n\nPricing\n\nPrices vary by region.',
    );
    const heading = units.find((u) => u.text === 'G5 Instance Family')!;
    const items = units.filter((u) => u.kind === 'item');
    expect(heading.text).toBe('G5 Instance Family');
    expect(heading.introduces).toBe(items[0]!.block);
    expect(items.every((u) => u.intro === heading)).toBe(true);
    expect(units.find((u) => u.text === 'Pricing')!.introduces).toBeUndefined();
    expect(units.find((u) => u.text === 'GPU families differ.')!.introduces).toBeUndefined();
  });

  it('when a sentence ending in a colon comes right before a list, then it introduces the list and each item knows it', () => {
    const units = splitUnits(
      'Xacro adds three things:\n\n- Properties\n- Macros\n- Math\n\nIt is widely used.',
    );
    expect(units[0]!.introduces).toBe(units[1]!.block);
    expect(units.slice(1, 4).every((u) => u.intro === units[0])).toBe(true);
    expect(units[4]!.intro).toBeUndefined();
  });
});
