import { posix } from 'node:path';

/**
 * Public URLs the way @docusaurus/plugin-content-docs computes them (numberPrefix.ts, slug.ts,
 * docs.ts), so citations point where the site actually serves each page.
 */

// Version- and date-like prefixes ("7.0-foo", "2021-11-foo") are not number prefixes.
const IGNORED_PREFIX = /^\d+[-_.]\d+/;
const NUMBER_PREFIX = /^(?<prefix>\d+)\s*[-_.]+\s*(?<suffix>[^-_.\s].*)$/;

/** "01-intro" → "intro", "1_intro" → "intro", "01.intro" → "intro"; "2021-11-notes" stays. */
export function stripNumberPrefix(name: string): string {
  if (IGNORED_PREFIX.test(name)) return name;
  return NUMBER_PREFIX.exec(name)?.groups?.suffix ?? name;
}

function stripPathNumberPrefixes(dir: string): string {
  return dir.split('/').map(stripNumberPrefix).join('/');
}

/** index.md, README.md and foo/foo.md (compared as written, prefixes included) are a folder's page. */
function isCategoryIndex(fileName: string, dirName: string): boolean {
  const lastDir = dirName.split('/').at(-1)?.toLowerCase();
  return ['index', 'readme', lastDir].includes(fileName.toLowerCase());
}

export interface DocFrontMatter {
  slug?: unknown;
  id?: unknown;
}

/**
 * The doc's slug (path below the docs root, always starting with "/").
 * @param sourcePath the file's path relative to the docs folder, forward slashes
 */
export function docSlug(sourcePath: string, frontMatter: DocFrontMatter = {}): string {
  const parsed = posix.parse(sourcePath);
  const sourceDirName = parsed.dir === '' ? '.' : parsed.dir;
  const fmSlug =
    typeof frontMatter.slug === 'string' && frontMatter.slug !== '' ? frontMatter.slug : undefined;
  const fmId = typeof frontMatter.id === 'string' && frontMatter.id !== '' ? frontMatter.id : undefined;

  if (fmSlug?.startsWith('/')) return fmSlug;
  const dirSlug = sourceDirName === '.' ? '/' : `/${stripPathNumberPrefixes(sourceDirName)}/`;
  if (fmSlug === undefined && isCategoryIndex(parsed.name, sourceDirName)) return dirSlug;
  const baseId = fmId ?? stripNumberPrefix(parsed.name);
  return resolvePathname(fmSlug ?? baseId, dirSlug);
}

/** Relative URL resolution against a directory path ending in "/", as the resolve-pathname package does. */
function resolvePathname(relative: string, dir: string): string {
  const joined = posix.normalize(`${dir}${relative}`);
  const rooted = joined.startsWith('/') ? joined : `/${joined}`;
  // posix.normalize keeps ".." above the root as "/.."; a URL cannot go above its root.
  return rooted.replace(/^(\/\.\.)+(?=\/|$)/, '') || '/';
}

/**
 * The page's full URL: the docs root (`--base-url`, e.g. "https://book.example.org/docs/") joined
 * with the slug, the path percent-encoded as a browser would request it.
 */
export function docUrl(baseUrl: string, sourcePath: string, frontMatter: DocFrontMatter = {}): string {
  const root = baseUrl.replace(/\/+$/, '');
  return `${root}${encodeURI(docSlug(sourcePath, frontMatter))}`;
}
