import { z } from 'zod';
import { HARDWARE_LEVELS, LIMITS, SOFTWARE_LEVELS } from './limits.js';
import { text } from './text.js';

export const SoftwareExperience = z.enum(SOFTWARE_LEVELS, {
  error: () => `must be one of ${SOFTWARE_LEVELS.join(', ')}`,
});
export const HardwareExperience = z.enum(HARDWARE_LEVELS, {
  error: () => `must be one of ${HARDWARE_LEVELS.join(', ')}`,
});

/** Interests are trimmed, non-empty, at most 50 characters, at most 10, duplicates (any case) dropped. */
export const Interests = z
  .array(text(LIMITS.interestMaxChars, { empty: 'an interest cannot be empty' }))
  .max(LIMITS.interestsMax, `at most ${LIMITS.interestsMax} interests`)
  .transform((list) =>
    list.filter((item, i) => list.findIndex((other) => other.toLowerCase() === item.toLowerCase()) === i),
  );

export const ProfileFields = z.object({
  software_experience: SoftwareExperience,
  hardware_experience: HardwareExperience,
  interests: Interests.default([]),
});

/** PUT /profile: any of the three fields, at least one. */
export const ProfileUpdateBody = z
  .object({
    software_experience: SoftwareExperience.optional(),
    hardware_experience: HardwareExperience.optional(),
    interests: Interests.optional(),
  })
  .strict()
  .refine(
    (b) => Object.keys(b).length > 0,
    'send at least one of software_experience, hardware_experience, interests',
  );

/** GET /profile, PUT /profile, and every `user` in auth responses. */
export const UserView = z.object({
  id: z.uuid(),
  email: z.email(),
  profile: z.object({
    software_experience: SoftwareExperience,
    hardware_experience: HardwareExperience,
    interests: z.array(z.string()),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  }),
  created_at: z.iso.datetime(),
  last_login_at: z.iso.datetime().nullable(),
});

export type SoftwareExperience = z.infer<typeof SoftwareExperience>;
export type HardwareExperience = z.infer<typeof HardwareExperience>;
export type ProfileFields = z.infer<typeof ProfileFields>;
export type ProfileUpdate = z.infer<typeof ProfileUpdateBody>;
export type ProfileUpdateRequest = z.input<typeof ProfileUpdateBody>;
export type UserView = z.infer<typeof UserView>;
