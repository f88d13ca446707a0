/**
 * From source only (tsx, vitest): the parse worker as one plain JavaScript file. A thread that loads
 * the TypeScript through tsx took ~1 s to start here (every one of the parser's few hundred modules
 * goes through the loader), against ~60 ms for a bundle, which is what bff/dist ships. esbuild builds
 * it into node_modules/.cache on first use and again only when one of its input files changes.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const BFF = fileURLToPath(new URL('../../../', import.meta.url));
const CACHE = join(BFF, 'node_modules/.cache/textbook-assistant');
const STAMP = join(CACHE, 'parse-worker.json');
/** Older bundles go when a new one is built; a process that started from one a day ago is long gone. */
const KEEP_OLD_MS = 24 * 60 * 60 * 1000;

/** The bundle and, for each file it was built from, its size and mtime. */
interface Stamp {
  bundle: string;
  inputs: Record<string, [number, number]>;
}

let built: Promise<string> | undefined;

/** The path of an up-to-date bundle of parse-worker.ts (built once per process at most). */
export function devWorkerBundle(): Promise<string> {
  built ??= cachedBundle().catch((err: unknown) => {
    built = undefined;
    throw err;
  });
  return built;
}

async function cachedBundle(): Promise<string> {
  const stamp = await readStamp();
  if (stamp && (await unchanged(stamp))) return join(CACHE, stamp.bundle);
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./parse-worker.ts', import.meta.url))],
    absWorkingDir: BFF,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'warning',
    // As in bff/scripts/build.ts: CommonJS dependencies inside an ESM bundle still call require().
    banner: {
      js: "import { createRequire as __bffCreateRequire } from 'node:module'; const require = __bffCreateRequire(import.meta.url);",
    },
  });
  const code = result.outputFiles[0]!.contents;
  const bundle = `parse-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  const inputs: Stamp['inputs'] = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const info = await stat(join(BFF, input));
    inputs[input] = [info.size, info.mtimeMs];
  }
  await mkdir(CACHE, { recursive: true });
  // Content-named and renamed into place: processes building at once never see half a file.
  await writeAtomically(join(CACHE, bundle), code);
  await writeAtomically(STAMP, JSON.stringify({ bundle, inputs } satisfies Stamp));
  await removeOldBundles(bundle);
  return join(CACHE, bundle);
}

async function removeOldBundles(current: string): Promise<void> {
  for (const name of await readdir(CACHE)) {
    if (name === current || !/^parse-worker-\w+\.mjs$/.test(name)) continue;
    const file = join(CACHE, name);
    const info = await stat(file).catch(() => null);
    if (info && Date.now() - info.mtimeMs > KEEP_OLD_MS) await rm(file, { force: true });
  }
}

async function readStamp(): Promise<Stamp | null> {
  try {
    return JSON.parse(await readFile(STAMP, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

async function unchanged(stamp: Stamp): Promise<boolean> {
  try {
    await stat(join(CACHE, stamp.bundle));
    for (const [input, [size, mtimeMs]] of Object.entries(stamp.inputs)) {
      const info = await stat(join(BFF, input));
      if (info.size !== size || info.mtimeMs !== mtimeMs) return false;
    }
    return true;
  } catch {
    return false;
  }
}

async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(temp, data);
  await rename(temp, file);
}
