/**
 * The IIFE build cannot split code, so its heavy parts (the Markdown renderer, …) are sibling
 * scripts that register a global when they run. A host page may have copied only the one script
 * file, so each chunk is tried beside this script first, then at the BFF's `/widget/`, which
 * always serves the build.
 */

// Only valid while the IIFE first runs, so read it now (and never touch `document` in Node).
const scriptSrc =
  typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement
    ? document.currentScript.src
    : '';

/** Where `file` may be, first choice first: beside this script, then `${apiBase}/widget/`. */
export function chunkUrls(file: string, apiBase: string): string[] {
  const urls = [new URL(file, scriptSrc || document.baseURI).href];
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
