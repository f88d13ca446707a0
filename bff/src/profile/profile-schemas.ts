import { z } from 'zod';

export const SOFTWARE_LEVELS = ['Beginner', 'Intermediate', 'Advanced'] as const;
export const HARDWARE_LEVELS = ['None', 'Basic', 'Advanced'] as const;
export const MAX_INTERESTS = 10;
export const MAX_INTEREST_LENGTH = 50;

export const softwareExperience = z.enum(SOFTWARE_LEVELS, {
  error: () => `must be one of ${SOFTWARE_LEVELS.join(', ')}`,
});
export const hardwareExperience = z.enum(HARDWARE_LEVELS, {
  error: () => `must be one of ${HARDWARE_LEVELS.join(', ')}`,
});

/** Interests are trimmed, non-empty, at most 50 characters, at most 10, duplicates (any case) dropped. */
export const interests = z
  .array(
    z
      .string()
      .trim()
      .min(1, 'an interest cannot be empty')
      .max(MAX_INTEREST_LENGTH, `an interest is at most ${MAX_INTEREST_LENGTH} characters`),
  )
  .max(MAX_INTERESTS, `at most ${MAX_INTERESTS} interests`)
  .transform((list) =>
    list.filter((item, i) => list.findIndex((other) => other.toLowerCase() === item.toLowerCase()) === i),
  );

export const ProfileFields = z.object({
  software_experience: softwareExperience,
  hardware_experience: hardwareExperience,
  interests: interests.default([]),
});

export const ProfileUpdateBody = z
  .object({
    software_experience: softwareExperience.optional(),
    hardware_experience: hardwareExperience.optional(),
    interests: interests.optional(),
  })
  .strict()
  .refine(
    (b) => Object.keys(b).length > 0,
    'send at least one of software_experience, hardware_experience, interests',
  );

export type ProfileFields = z.infer<typeof ProfileFields>;
export type ProfileUpdate = z.infer<typeof ProfileUpdateBody>;

/** GET /profile and every `user` in auth responses. */
export const UserView = z.object({
  id: z.uuid(),
  email: z.email(),
  profile: z.object({
    software_experience: softwareExperience,
    hardware_experience: hardwareExperience,
    interests: z.array(z.string()),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  }),
  created_at: z.iso.datetime(),
  last_login_at: z.iso.datetime().nullable(),
});
export type UserView = z.infer<typeof UserView>;
