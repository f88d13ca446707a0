import 'dotenv/config';
import { loadConfig } from '../platform/config.js';
import { ConfigError } from '../platform/errors.js';
import { openDatabase } from '../platform/db/database.js';
import { DirectoryLockedError } from '../platform/db/data-dir-lock.js';
import { createPasswordHasher } from '../auth/passwords.js';
import { Email as emailSchema } from '@textbook-assistant/contract';
import { promoteOrCreateAdmin, type AdminOutcome } from './admin-accounts.js';

const USAGE = 'Usage: pnpm admin:create <email>';

function describe(email: string, outcome: AdminOutcome): string {
  switch (outcome.kind) {
    case 'already_admin':
      return `${email} is already an administrator.`;
    case 'promoted':
      return `${email} is now an administrator.`;
    case 'created':
      return [
        `Created administrator ${email}.`,
        `Password (shown once, store it now): ${outcome.password}`,
        'Sign in at /admin and change it under the account settings.',
      ].join('\n');
  }
}

/** `pnpm admin:create <email>`: promotes an existing reader, or creates an admin account. */
async function main(): Promise<void> {
  const parsed = emailSchema.safeParse(process.argv[2] ?? '');
  if (!parsed.success) {
    console.error(`${USAGE}\n(a valid email address is required)`);
    process.exit(2);
  }
  const config = loadConfig(process.env);
  const db = await openDatabase(config);
  try {
    const outcome = await promoteOrCreateAdmin(db.knex, parsed.data, createPasswordHasher(config.bcryptCost));
    console.log(describe(parsed.data, outcome));
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof DirectoryLockedError;
  console.error(known ? (err as Error).message : `admin:create failed: ${(err as Error).message}`);
  process.exit(1);
});
