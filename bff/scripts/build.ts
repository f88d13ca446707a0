/**
 * `pnpm build` for the BFF: bff/dist, run with plain `node bff/dist/main.js`.
 *
 * esbuild bundles the BFF's own code, the workspace packages it imports (`@textbook-assistant/*`, which
 * ship TypeScript) and its npm dependencies, except the few in KEEP_EXTERNAL, which are loaded from
 * node_modules (so `pnpm deploy --prod` still installs every runtime dependency). Cohere's and
 * Qdrant's clients are dynamic imports, so they sit in chunks of their own that local mode never loads. The
 * migrations are compiled one file each into dist/migrations (the migrator lists that folder), and the
 * dashboard and widget files are copied beside the entries (see src/platform/paths.ts).
 */
import { cpSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';

const BFF = fileURLToPath(new URL('../', import.meta.url));
const REPO = join(BFF, '..');
const DIST = join(BFF, 'dist');
const WORKSPACE_SCOPE = '@textbook-assistant/';

/** The CLIs a deployment runs, by the name of their file in dist. */
const ENTRIES = {
  main: 'src/main.ts',
  migrate: 'src/platform/db/migrate-cli.ts',
  ingest: 'src/rag/ingest/cli.ts',
  'admin-create': 'src/admin/admin-cli.ts',
  // Not a CLI: the ingest's parse threads load it (src/rag/ingest/parse-pool.ts finds it beside them).
  'parse-worker': 'src/rag/ingest/parse-worker.ts',
};

/**
 * Packages that stay in node_modules: a native addon (bcrypt) and packages that load files beside
 * their own code (PGlite's WASM and data, the word list read as text, piscina's thread script). Everything else is bundled,
 * so a start reads a few files instead of hundreds (module loading was half of start to /readyz).
 */
const KEEP_EXTERNAL = new Set([
  'bcrypt',
  '@electric-sql/pglite',
  '@electric-sql/pglite-pgvector',
  'an-array-of-english-words',
  'piscina',
]);

function packageName(path: string): string {
  const parts = path.split('/');
  return path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * Drivers that knex and pg require only when configured for them (mysql, sqlite, pg-native…) are not
 * installed: left as they are, they fail at run time exactly as they would unbundled.
 */
const optionalMissing = new Set<string>();

const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'probe' || args.path.startsWith(WORKSPACE_SCOPE)) return undefined;
      if (args.path.startsWith('node:') || builtinModules.includes(args.path)) {
        return { path: args.path, external: true };
      }
      if (KEEP_EXTERNAL.has(packageName(args.path))) return { path: args.path, external: true };
      const probe = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'probe',
      });
      if (probe.errors.length > 0 && args.kind === 'require-call') {
        optionalMissing.add(packageName(args.path));
        return { path: args.path, external: true };
      }
      return undefined;
    });
  },
};

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Names stay (stack traces read as before); a start parses 40% fewer bytes.
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  logLevel: 'warning',
  plugins: [externalPackages],
  define: { __BFF_BUNDLE__: 'true' },
  // CommonJS packages inside the ESM bundle still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __bffCreateRequire } from 'node:module'; const require = __bffCreateRequire(import.meta.url);",
  },
};

/** Every external import must be a runtime dependency, or `pnpm deploy --prod` leaves it out. */
function checkExternals(metafiles: Metafile[]): void {
  const pkg = JSON.parse(readFileSync(join(BFF, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const runtime = new Set(Object.keys(pkg.dependencies ?? {}));
  const builtins = new Set(builtinModules);
  const missing = new Set<string>();
  for (const meta of metafiles) {
    for (const output of Object.values(meta.outputs)) {
      for (const imp of output.imports) {
        if (!imp.external || imp.path.startsWith('node:') || builtins.has(imp.path)) continue;
        const name = packageName(imp.path);
        if (!runtime.has(name) && !optionalMissing.has(name)) missing.add(name);
      }
    }
  }
  if (missing.size > 0) {
    throw new Error(`bff/dist imports packages that are not bff dependencies: ${[...missing].join(', ')}`);
  }
}

async function main(): Promise<void> {
  rmSync(DIST, { recursive: true, force: true });
  const app = await build({
    ...common,
    entryPoints: Object.entries(ENTRIES).map(([out, src]) => ({ out, in: join(BFF, src) })),
    outdir: DIST,
    splitting: true,
    // Chunks beside the entries: paths.ts resolves its files from whichever file holds it.
    chunkNames: 'chunk-[hash]',
  });
  const migrationsDir = join(REPO, 'migrations');
  const migrations = await build({
    ...common,
    entryPoints: readdirSync(migrationsDir)
      .filter((f) => /^\d+_[\w-]+\.ts$/.test(f))
      .map((f) => join(migrationsDir, f)),
    outdir: join(DIST, 'migrations'),
  });
  checkExternals([app.metafile!, migrations.metafile!]);

  cpSync(join(BFF, 'src/admin/dashboard'), join(DIST, 'dashboard'), { recursive: true });
  const widget = join(REPO, 'widget/dist');
  if (existsSync(join(widget, 'textbook-assistant.iife.js'))) {
    cpSync(widget, join(DIST, 'widget'), {
      recursive: true,
      filter: (src) => !src.startsWith(join(widget, 'types')),
    });
  } else {
    console.warn(
      'bff build: widget/dist is not built, so bff/dist serves no /widget/ (run `pnpm build` at the root)',
    );
  }
  console.log(
    `bff/dist: ${Object.keys(ENTRIES)
      .map((e) => `${e}.js`)
      .join(', ')}, migrations, dashboard${existsSync(join(DIST, 'widget')) ? ', widget' : ''}`,
  );
}

await main();
