import { describe, expect, it } from 'vitest';
import { pgliteEngine } from './pglite-engine.js';

describe('pgliteEngine', () => {
  it('when asked for the engine twice, then one compile of PGlite’s PostgreSQL serves both', async () => {
    const first = pgliteEngine();
    expect(pgliteEngine()).toBe(first);
    const engine = await first;
    expect(engine).toBeInstanceOf(WebAssembly.Module);
    const exports = new Set(WebAssembly.Module.exports(engine).map((e) => e.name));
    expect(exports.has('pgl_connect')).toBe(true);
  });
});
