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

  it('when the manifest is requested, then it is 200 JSON with the dist build id, cross-origin and briefly cached, and null without a manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ta-widget-'));
    const app = new Koa();
    app.use(helmet());
    app.use(widgetAssets(dir)!);
    const server = app.listen(0);
    const { port } = server.address() as AddressInfo;
    const manifest = () => fetch(`http://127.0.0.1:${port}/widget/manifest.json`);
    try {
      const missing = await manifest();
      expect(missing.status).toBe(200);
      expect(await missing.json()).toEqual({ build: null });

      writeFileSync(join(dir, 'manifest.json'), '{"build":"0123abcd"}\n');
      const res = await manifest();
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cache-control')).toBe('public, max-age=60');
      expect(await res.json()).toEqual({ build: '0123abcd' });

      writeFileSync(join(dir, 'manifest.json'), 'not json');
      expect(await (await manifest()).json()).toEqual({ build: null });
    } finally {
      server.close();
    }
  });

  it('when the widget has not been built, then nothing is mounted', () => {
    expect(widgetAssets(join(tmpdir(), 'does-not-exist-ta'))).toBeNull();
  });
});
