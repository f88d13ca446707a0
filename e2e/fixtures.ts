import { mkdir } from 'node:fs/promises';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { MockBff } from './support/mock-bff.js';
import { demoDir, pagesDir, screenshotsDir, widgetDist } from './support/paths.js';
import { startStaticServer, type StaticServer } from './support/static-server.js';

interface WorkerFixtures {
  /** Serves e2e/pages at /, the widget build at /widget/ and the demo page at /demo/. */
  hostServer: StaticServer;
}

interface TestFixtures {
  /** The BFF, mocked with page.route on the host server's origin (the pages' default api-base). */
  bff: MockBff;
  /** The widget on the test page. */
  widget: WidgetPage;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  hostServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from the pattern
    async ({}, use) => {
      const server = await startStaticServer({ '/widget/': widgetDist, '/demo/': demoDir, '/': pagesDir });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ hostServer }, use) => use(hostServer.url),
  bff: [
    async ({ page, hostServer }, use) => {
      const bff = new MockBff(hostServer.url);
      await bff.install(page);
      await use(bff);
    },
    // Installed for every test, so no request ever reaches a real server by accident.
    { auto: true },
  ],
  widget: async ({ page }, use) => use(new WidgetPage(page)),
});

export { expect };

/**
 * Waits until no animation or transition runs in the widget (the panel's open, the launcher's
 * scale), so that boxes and colours are final. A cancelled animation (replaced by the next state's)
 * rejects `finished`: that is an end too, and whatever replaced it is waited for in turn.
 */
export async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const root = document.querySelector('textbook-assistant')?.shadowRoot;
    for (let round = 0; root && round < 20; round++) {
      const running = root.getAnimations().filter((a) => a.pending || a.playState === 'running');
      if (running.length === 0) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  });
}

/**
 * A `page.route` matcher for the widget's lazy chunk `file` wherever it is fetched from (beside the
 * script, or the BFF with its `?v=<build>` cache key).
 */
export const anyCopyOf =
  (file: string) =>
  (url: URL): boolean =>
    url.pathname.endsWith(`/${file}`);

/** Locators and steps for `<textbook-assistant>` (Playwright pierces its open shadow root). */
export class WidgetPage {
  readonly launcher: Locator;
  readonly dialog: Locator;
  readonly input: Locator;

  constructor(readonly page: Page) {
    this.launcher = page.getByRole('button', { name: 'Open Textbook assistant' });
    this.dialog = page.getByRole('dialog', { name: 'Textbook assistant' });
    this.input = this.dialog.getByRole('textbox', { name: 'Your question' });
  }

  tab(name: 'Chat' | 'Sign in' | 'Account'): Locator {
    return this.dialog.getByRole('tab', { name });
  }

  async goto(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.launcher).toBeVisible();
  }

  async open(): Promise<void> {
    await this.launcher.click();
    await expect(this.dialog).toBeVisible();
  }

  async ask(question: string): Promise<void> {
    await this.input.fill(question);
    await this.input.press('Enter');
  }

  async openAccount(): Promise<void> {
    await this.open();
    await this.dialog.getByRole('tab', { name: /Sign in|Account/ }).click();
  }

  /** Records the widget's `ta-*` events into window.__taEvents. */
  async recordEvents(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __taEvents: Array<{ type: string; detail: unknown }> };
      w.__taEvents = [];
      for (const type of [
        'ta-opened',
        'ta-closed',
        'ta-signed-in',
        'ta-signed-up',
        'ta-signed-out',
        'ta-profile-updated',
        'ta-answer-received',
      ]) {
        document.addEventListener(type, (e) =>
          w.__taEvents.push({ type, detail: (e as CustomEvent).detail }),
        );
      }
    });
  }

  events(): Promise<Array<{ type: string; detail: unknown }>> {
    return this.page.evaluate(
      () => (window as unknown as { __taEvents: Array<{ type: string; detail: unknown }> }).__taEvents,
    );
  }

  async screenshot(name: string): Promise<void> {
    await mkdir(screenshotsDir, { recursive: true });
    await this.page.screenshot({ path: `${screenshotsDir}/${name}.png`, animations: 'disabled' });
  }
}
