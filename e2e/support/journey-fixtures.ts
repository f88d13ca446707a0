import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { WidgetPage } from '../fixtures.js';
import { screenshotsDir } from './paths.js';
import { journeyEnv, waitUntilReady, type JourneyEnv } from './real-bff.js';

export const PASSWORD = 'Robots4ever!';

export interface Profile {
  software_experience: 'Beginner' | 'Intermediate' | 'Advanced';
  hardware_experience: 'None' | 'Basic' | 'Advanced';
  interests: string[];
}

interface WorkerFixtures {
  /** The real BFF and host pages from global-setup.ts, once the BFF answers /readyz. */
  servers: JourneyEnv;
}

interface TestFixtures {
  /** The widget on e2e/pages/index.html, pointed at the real BFF with `?api=`. */
  widget: RealWidgetPage;
  /** An email no other test uses (the BFF is shared by every journey in the run). */
  email: string;
  /** Saves a step's screenshot to e2e/screenshots/journeys/<name>.png. */
  shot: (name: string, page?: Page) => Promise<void>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  servers: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from the pattern
    async ({}, use) => {
      const env = journeyEnv();
      await waitUntilReady(env.bffUrl, env.logFile, 280_000);
      await use(env);
    },
    // The first journey may wait for the sample book's ingest (up to ~80 s on a loaded machine).
    { scope: 'worker', timeout: 300_000 },
  ],
  baseURL: async ({ servers }, use) => use(servers.pagesUrl),
  widget: async ({ page, servers }, use) => use(new RealWidgetPage(page, servers.bffUrl)),
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from the pattern
  email: async ({}, use, testInfo) => {
    const slug = testInfo.titlePath
      .at(-1)!
      .replace(/[^a-z0-9]+/gi, '-')
      .slice(0, 24)
      .toLowerCase();
    await use(`${slug}-${Date.now().toString(36)}-${testInfo.workerIndex}@example.org`);
  },
  shot: async ({ page }, use) => {
    const dir = join(screenshotsDir, 'journeys');
    await mkdir(dir, { recursive: true });
    await use((name, target = page) => target.screenshot({ path: join(dir, `${name}.png`) }).then(() => {}));
  },
});

export { expect };

/** Everything a page logs or fails to load: console errors, uncaught errors, failed and 4xx/5xx requests. */
export function recordProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) =>
    problems.push(`failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`),
  );
  page.on(
    'response',
    (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.request().method()} ${r.url()}`),
  );
  return problems;
}

/** The widget page object, on a host page whose `api-base` is the real BFF. */
export class RealWidgetPage extends WidgetPage {
  constructor(
    page: Page,
    readonly bffUrl: string,
  ) {
    super(page);
  }

  override async goto(path = '/'): Promise<void> {
    await super.goto(`${path}?api=${encodeURIComponent(this.bffUrl)}`);
  }

  /** The answer of the n-th turn (0-based), once it has finished streaming. */
  async answer(n: number) {
    const turn = this.dialog.locator('.turn').nth(n);
    await expect(turn.locator('[part~="message-assistant"]')).toHaveAttribute('aria-busy', 'false', {
      timeout: 30_000,
    });
    return turn;
  }
}

/**
 * Creates an account through the API. With `page.request` the cookies land in the page's browser
 * context (the reader is signed in); with the `request` fixture they stay out of it.
 */
export async function signUpViaApi(
  request: APIRequestContext,
  servers: JourneyEnv,
  email: string,
  profile: Profile,
): Promise<void> {
  const res = await request.post(`${servers.bffUrl}/api/v1/auth/signup`, {
    headers: { Origin: servers.pagesUrl },
    data: { email, password: PASSWORD, ...profile },
  });
  expect(res.status(), await res.text()).toBe(201);
}
