/**
 * The IIFE build cannot split code, so its heavy parts (the Markdown renderer, the account views)
 * are sibling scripts that register a global when they run. They may be beside this script (the
 * Docusaurus plugin copies them there and says so with `data-chunks="beside"`), or a host page may
 * have copied only the one script file; the BFF's `/widget/` always serves its own build. So that
 * the host's console stays clean, a chunk is not tried where it is unlikely to be (a 404 is logged
 * by the browser): see chunkUrls.
 */

/** Set by the build: the IIFE's build id (a hash of the chunks it was built with); '' otherwise. */
declare const __TA_BUILD__: string;

// Only valid while the IIFE first runs, so read it now (and never touch `document` in Node).
const currentScript =
  typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement
    ? document.currentScript
    : null;
const scriptSrc = currentScript?.src ?? '';
const chunksBeside = currentScript?.dataset.chunks === 'beside';

/** `${apiBase}/widget/manifest.json`'s build id, fetched once per page; '' if it cannot be read. */
let bffBuild: Promise<string> | undefined;
function fetchBffBuild(widgetBase: string): Promise<string> {
  bffBuild ??= fetch(`${widgetBase}manifest.json`)
    .then(async (res) => {
      if (!res.ok) return '';
      const body = (await res.json()) as { build?: unknown };
      return typeof body.build === 'string' ? body.build : '';
    })
    .catch(() => '');
  return bffBuild;
}

/**
 * Where `file` may be, first choice first:
 * - the tag says `data-chunks="beside"`: beside this script, then the BFF;
 * - else, with an api base: only the BFF when its manifest's build is this script's own (the
 *   chunks there are this script's), otherwise beside this script, then the BFF;
 * - without an api base: beside this script.
 * Beside keeps the script's own query (e.g. the Docusaurus plugin's `?v=<hash>` cache buster, so a
 * chunk is never older than the script). The BFF's URL carries the build it is fetched for as
 * `?v=<build>` (the BFF's manifest build when it was read, else this script's), so a browser never
 * pairs a new build with a chunk it cached, for up to an hour, from an older one.
 */
export async function chunkUrls(file: string, apiBase: string): Promise<string[]> {
  const beside = new URL(file, scriptSrc || document.baseURI);
  if (scriptSrc) beside.search = new URL(scriptSrc).search;
  if (!apiBase) return [beside.href];
  const widgetBase = new URL(`${apiBase.replace(/\/+$/, '')}/widget/`, document.baseURI).href;
  const bff = new URL(file, widgetBase);
  // Beside first (the Docusaurus plugin): the BFF is only a fallback, not worth a manifest request.
  const served = !chunksBeside && __TA_BUILD__ ? await fetchBffBuild(widgetBase) : '';
  const build = served || __TA_BUILD__;
  if (build) bff.searchParams.set('v', build);
  if (served && served === __TA_BUILD__) return [bff.href];
  return [...new Set([beside.href, bff.href])];
}

/** Loads the first of `urls` that runs and sets `window[global]`, and returns that value. */
export async function loadGlobalScript<T>(urls: string[], global: string): Promise<T> {
  const registered = (): T | undefined => (window as unknown as Record<string, T | undefined>)[global];
  let failure: unknown = new Error(`No URL to load ${global} from`);
  for (const url of urls) {
    const value = registered();
    if (value) return value;
    try {
      await appendScript(url);
      const loaded = registered();
      if (loaded) return loaded;
      failure = new Error(`${url} did not register ${global}`); // e.g. an HTML 404 page served as 200
    } catch (err) {
      failure = err;
    }
  }
  throw failure;
}

function appendScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => {
      script.remove();
      reject(new Error(`Could not load ${src}`));
    };
    document.head.append(script);
  });
}

/** A part of the widget loaded on first use: its value once loaded, and a load that runs once. */
export interface LazyChunk<T> {
  /** The value if it has loaded. */
  get(): T | undefined;
  /** Loads it (once; again after a failure). */
  load(apiBase?: string): Promise<T>;
}

/**
 * `esm` imports the ES-module chunk (npm build); without it (the IIFE build, where the caller
 * passes `undefined` behind `__TA_IIFE__` so the bundler drops the import) the sibling script
 * `file` is loaded and read from `window[global]`.
 */
export function lazyChunk<T>(
  file: string,
  global: string,
  esm: (() => Promise<T>) | undefined,
): LazyChunk<T> {
  let value: T | undefined;
  let pending: Promise<T> | undefined;
  return {
    get: () => value,
    load(apiBase = '') {
      pending ??= (
        esm ? esm() : chunkUrls(file, apiBase).then((urls) => loadGlobalScript<T>(urls, global))
      ).then(
        (loaded) => (value = loaded),
        (err: unknown) => {
          pending = undefined; // let a later attempt try again
          throw err;
        },
      );
      return pending;
    },
  };
}
