import { describe, expect, it } from 'vitest';
import type { Reader } from '../types.js';
import { buildPersona, describeInterests, selectLevel } from './persona.js';

type Profile = NonNullable<Reader['profile']>;

const reader = (overrides: Partial<Profile> = {}): Reader => ({
  userId: 'u1',
  profile: { software_experience: 'Beginner', hardware_experience: 'None', interests: [], ...overrides },
});

describe('selectLevel', () => {
  const table: [Profile['software_experience'], Profile['hardware_experience'], string][] = [
    ['Beginner', 'None', 'Beginner'],
    ['Beginner', 'Basic', 'Beginner'],
    ['Beginner', 'Advanced', 'Advanced'],
    ['Intermediate', 'None', 'Intermediate'],
    ['Intermediate', 'Basic', 'Intermediate'],
    ['Intermediate', 'Advanced', 'Advanced'],
    ['Advanced', 'None', 'Advanced'],
    ['Advanced', 'Basic', 'Advanced'],
    ['Advanced', 'Advanced', 'Advanced'],
  ];
  it.each(table)(
    'when software is %s and hardware is %s, then the level is %s',
    (software, hardware, level) => {
      expect(selectLevel({ software_experience: software, hardware_experience: hardware })).toBe(level);
    },
  );
});

describe('buildPersona', () => {
  it('when the reader is anonymous, then the default prompt is used and nothing is personalized', () => {
    const persona = buildPersona({ userId: null, profile: null });
    expect(persona).toMatchObject({ level: 'default', personalized: false, interests: [] });
    expect(persona.systemPrompt).not.toContain('{interests}');
  });

  it('when a signed-in reader has no loadable profile, then the default persona is used', () => {
    expect(buildPersona({ userId: 'u1', profile: null }).level).toBe('default');
  });

  it('when interests are given, then the prompt names them joined with ", "', () => {
    const persona = buildPersona(reader({ interests: ['humanoid locomotion', ' ROS 2 ', ''] }));
    expect(persona.interests).toEqual(['humanoid locomotion', 'ROS 2']);
    expect(persona.systemPrompt).toContain('interested in humanoid locomotion, ROS 2');
    expect(persona.personalized).toBe(true);
  });

  it('when there are no interests, then the prompt says "general robotics topics"', () => {
    expect(buildPersona(reader()).systemPrompt).toContain('general robotics topics');
    expect(describeInterests([])).toBe('general robotics topics');
  });

  it('when levels differ, then each gets its own template', () => {
    const prompts = new Set(
      (['Beginner', 'Intermediate', 'Advanced'] as const).map(
        (software_experience) => buildPersona(reader({ software_experience })).systemPrompt,
      ),
    );
    expect(prompts.size).toBe(3);
    expect(buildPersona(reader({ software_experience: 'Advanced' })).systemPrompt).toMatch(/code, equations/);
    expect(buildPersona(reader()).systemPrompt).toMatch(/avoid code and formulas/);
  });
});
