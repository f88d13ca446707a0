import { fileURLToPath } from 'node:url';

/**
 * Files the BFF reads beside its code. From source, each lives where the repository keeps it; in the
 * production bundle (bff/dist, built by bff/scripts/build.ts) every module shares the entry's URL,
 * so the build copies them next to it and defines __BFF_BUNDLE__.
 */
declare const __BFF_BUNDLE__: boolean | undefined;

export const BUNDLED = typeof __BFF_BUNDLE__ !== 'undefined' && __BFF_BUNDLE__;

const at = (bundled: string, source: string) =>
  fileURLToPath(new URL(BUNDLED ? bundled : source, import.meta.url));

/** The schema's migrations: migrations/*.ts in the repository, dist/migrations/*.js in the bundle. */
export const MIGRATIONS_DIR = at('./migrations/', '../../../migrations/');
export const MIGRATION_EXTENSION = BUNDLED ? '.js' : '.ts';

/** The widget's build (widget/dist), served at /widget/. */
export const WIDGET_DIST = at('./widget/', '../../../widget/dist/');

/** The admin dashboard's page, styles and script. */
export const DASHBOARD_DIR = at('./dashboard/', '../admin/dashboard/');
