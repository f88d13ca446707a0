import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import helmet from 'koa-helmet';
import { describe, expect, it } from 'vitest';
import { widgetAssets } from './widget-assets.js';

describe('widgetAssets', () => {
  it('when the widget bundle is requested from another origin, then it is served with a cross-origin resource policy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ta-widget-'));
    writeFileSync(join(dir, 'textbook-assistant.iife.js'), 'console.log("widget")');
    const app = new Koa();
    app.use(helmet());
    app.use(widgetAssets(dir)!);
    const server = app.listen(0);
    const { port } = server.address() as AddressInfo;
    try {
      const ok = await fetch(`http://127.0.0.1:${port}/widget/textbook-assistant.iife.js`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(ok.headers.get('content-type')).toMatch(/javascript/);
      expect(await ok.text()).toContain('widget');
      const missing = await fetch(`http://127.0.0.1:${port}/widget/nope.js`);
      expect(missing.status).toBe(404);
      const escape = await fetch(`http://127.0.0.1:${port}/widget/..%2f..%2fetc%2fpasswd`);
      expect(escape.status).not.toBe(200);
    } finally {
      server.close();
    }
  });

  it('when the widget has not been built, then nothing is mounted', () => {
    expect(widgetAssets(join(tmpdir(), 'does-not-exist-ta'))).toBeNull();
  });
});
