/**
 * The IIFE build cannot split code, so its heavy parts (the Markdown renderer, the account views)
 * are sibling scripts that register a global when they run. A host page may have copied only the
 * one script file, so each chunk is tried beside this script first, then at the BFF's `/widget/`,
 * which always serves the build.
 */

// Only valid while the IIFE first runs, so read it now (and never touch `document` in Node).
const scriptSrc =
  typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement
    ? document.currentScript.src
    : '';

/**
 * Where `file` may be, first choice first: beside this script (with the script's own query, e.g.
 * the Docusaurus plugin's `?v=<hash>` cache buster, so a chunk is never older than the script),
 * then `${apiBase}/widget/`.
 */
export function chunkUrls(file: string, apiBase: string): string[] {
  const beside = new URL(file, scriptSrc || document.baseURI);
  if (scriptSrc) beside.search = new URL(scriptSrc).search;
  const urls = [beside.href];
  if (apiBase) urls.push(new URL(`${apiBase.replace(/\/+$/, '')}/widget/${file}`, document.baseURI).href);
  return [...new Set(urls)];
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
      pending ??= (esm ? esm() : loadGlobalScript<T>(chunkUrls(file, apiBase), global)).then(
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
