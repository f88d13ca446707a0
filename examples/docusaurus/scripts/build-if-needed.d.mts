/** Types for build-if-needed.mjs, for TypeScript callers (e.g. the e2e fixtures). */
export declare const siteDir: string;
export declare const buildDir: string;
/** The widget IIFE the plugin publishes, or null when it cannot be resolved. */
export declare function widgetFile(): string | null;
/** Why a build is needed, or null when build/ is up to date. */
export declare function staleReason(): string | null;
export declare function buildIfNeeded(options?: {
  force?: boolean;
  log?: boolean;
}): Promise<{ buildDir: string; built: boolean; reason: string | null; ms: number }>;
