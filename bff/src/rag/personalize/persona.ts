import type { Level, Persona, Reader } from '../types.js';
import { DEFAULT_PROMPT, NO_INTERESTS, fillTemplate } from './prompts.js';

type Profile = NonNullable<Reader['profile']>;

/**
 * DESIGN.md's selection rule: Advanced if either experience is Advanced, else Intermediate if
 * software is Intermediate, else Beginner.
 */
export function selectLevel(profile: Pick<Profile, 'software_experience' | 'hardware_experience'>): Level {
  if (profile.software_experience === 'Advanced' || profile.hardware_experience === 'Advanced')
    return 'Advanced';
  if (profile.software_experience === 'Intermediate') return 'Intermediate';
  return 'Beginner';
}

/** Interests as the prompt names them: joined with ", ", or the general fallback. */
export function describeInterests(interests: string[]): string {
  const cleaned = cleanInterests(interests);
  return cleaned.length > 0 ? cleaned.join(', ') : NO_INTERESTS;
}

/** The default persona: signed out, or the profile could not be loaded. */
export function defaultPersona(): Persona {
  return { level: 'default', interests: [], systemPrompt: DEFAULT_PROMPT, personalized: false };
}

export function buildPersona(reader: Reader): Persona {
  if (!reader.profile) return defaultPersona();
  const level = selectLevel(reader.profile);
  const interests = cleanInterests(reader.profile.interests);
  return {
    level,
    interests,
    systemPrompt: fillTemplate(level, describeInterests(interests)),
    personalized: true,
  };
}

function cleanInterests(interests: string[]): string[] {
  return interests.map((i) => i.trim()).filter((i) => i.length > 0);
}
