import { expect, type Locator, type Page } from '@playwright/test';
import type { Citation } from '@textbook-assistant/contract';
import type { WidgetPage } from '../fixtures.js';
import { errorBody, makeAnswer, sseBody, type MockBff } from './mock-bff.js';

/** How many paragraphs a long answer has: more than the log shows at once, so it has to scroll. */
const PARAGRAPHS = 14;

/** An answer about `topic` several screens long; its last paragraph is `<topic>, paragraph 14: …`. */
export function longAnswer(topic: string): string {
  return Array.from(
    { length: PARAGRAPHS },
    (_, i) => `${topic}, paragraph ${i + 1}: the book explains it step by step.`,
  ).join('\n\n');
}

/** Waits until the whole long answer about `topic` has been rendered. */
export async function expectLongAnswer(widget: WidgetPage, topic: string): Promise<void> {
  await expect(
    widget.dialog.locator('[part="answer"] p', { hasText: `${topic}, paragraph ${PARAGRAPHS}` }),
  ).toBeAttached();
}

/** Asks `question`, which the mocked BFF answers with a long answer about `topic`, and waits for all of it. */
export async function askForLongAnswer(
  bff: MockBff,
  widget: WidgetPage,
  question: string,
  topic: string,
): Promise<void> {
  bff.answer = makeAnswer({ answer: longAnswer(topic) });
  await widget.ask(question);
  await expectLongAnswer(widget, topic);
}

/** How far the last question's top sits below the chat log's top edge, in px. */
export async function questionOffset(log: Locator): Promise<number> {
  return log.evaluate((el) => {
    const questions = el.querySelectorAll('.message.user');
    const q = questions[questions.length - 1]!;
    return q.getBoundingClientRect().top - el.getBoundingClientRect().top;
  });
}

/** The question at the top of the log: below its top padding (12 px), give or take a pixel or so. */
export async function expectQuestionAtTop(log: Locator): Promise<void> {
  const offset = await questionOffset(log);
  expect(offset).toBeGreaterThanOrEqual(0);
  expect(offset).toBeLessThanOrEqual(16);
}

/** A source of the mocked book at https://book.example.org/docs/<path>. */
export function bookSource(title: string, path: string): Citation {
  return {
    title,
    url: `https://book.example.org/docs/${path}`,
    heading_path: [title],
    source_path: `${path}.md`,
    snippet: '…',
    score: 0.5,
  };
}

/** The next question fails: the search index is down (503). */
export function failNextQuestion(bff: MockBff): void {
  bff.once('POST /query', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: errorBody('vector_store_unavailable', 'The vector store is not reachable.'),
    }),
  );
}

/** The next question's long answer about `topic` is held back until the returned function is called. */
export function holdNextLongAnswer(bff: MockBff, topic: string): () => void {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  bff.once('POST /query', async (route) => {
    await held;
    await route.fulfill({
      status: 200,
      contentType: 'text/event-stream',
      body: sseBody(makeAnswer({ answer: longAnswer(topic) })),
    });
  });
  return release;
}

/** While an answer is on its way (the typing dots show), the reader scrolls the log up; returns where it stopped. */
export async function scrollUpWhileWaiting(page: Page, log: Locator): Promise<number> {
  await expect(log.locator('.typing')).toBeVisible();
  const before = await log.evaluate((el) => el.scrollTop);
  await log.hover();
  await page.mouse.wheel(0, -400);
  await expect.poll(() => log.evaluate((el) => el.scrollTop)).toBeLessThan(before - 100);
  return log.evaluate((el) => el.scrollTop);
}
