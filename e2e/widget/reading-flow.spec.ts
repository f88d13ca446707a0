import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures.js';
import { makeAnswer, sseBody } from '../support/mock-bff.js';

const long = (topic: string) =>
  Array.from(
    { length: 14 },
    (_, i) => `${topic}, paragraph ${i + 1}: the book explains it step by step.`,
  ).join('\n\n');

/** How far the last question's top sits below the log's top edge, in px. */
async function questionOffset(log: Locator): Promise<number> {
  return log.evaluate((el) => {
    const questions = el.querySelectorAll('.message.user');
    const q = questions[questions.length - 1]!;
    return q.getBoundingClientRect().top - el.getBoundingClientRect().top;
  });
}

test.describe('reading flow', () => {
  test('when a follow-up is answered, then its question sits at the top of the log with the answer below', async ({
    bff,
    widget,
  }) => {
    bff.answer = makeAnswer({ answer: long('Kinematics') });
    await widget.goto();
    await widget.open();
    await widget.ask('What is kinematics?');
    await expect(
      widget.dialog.locator('[part="answer"] p', { hasText: 'Kinematics, paragraph 14' }),
    ).toBeAttached();
    bff.answer = makeAnswer({ answer: long('Dynamics') });
    await widget.ask('And dynamics?');
    await expect(
      widget.dialog.locator('[part="answer"] p', { hasText: 'Dynamics, paragraph 14' }),
    ).toBeAttached();
    const log = widget.dialog.locator('.chat-log');
    const offset = await questionOffset(log);
    // The log's own top padding (12 px) above the question, give or take a pixel.
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThanOrEqual(16);
  });

  test('when the reader scrolls up while an answer is coming, then the log keeps their position', async ({
    page,
    bff,
    widget,
  }) => {
    bff.answer = makeAnswer({ answer: long('Kinematics') });
    await widget.goto();
    await widget.open();
    await widget.ask('What is kinematics?');
    await expect(
      widget.dialog.locator('[part="answer"] p', { hasText: 'Kinematics, paragraph 14' }),
    ).toBeAttached();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    bff.once('POST /query', async (route) => {
      await held;
      await route.fulfill({
        status: 200,
        contentType: 'text/event-stream',
        body: sseBody(makeAnswer({ answer: long('Dynamics') })),
      });
    });
    await widget.ask('And dynamics?');
    const log = widget.dialog.locator('.chat-log');
    await expect(log.locator('.typing')).toBeVisible();
    const before = await log.evaluate((el) => el.scrollTop);
    await log.hover();
    await page.mouse.wheel(0, -400);
    await expect.poll(() => log.evaluate((el) => el.scrollTop)).toBeLessThan(before - 100);
    const kept = await log.evaluate((el) => el.scrollTop);
    release();
    await expect(
      widget.dialog.locator('[part="answer"] p', { hasText: 'Dynamics, paragraph 14' }),
    ).toBeAttached();
    await expect(widget.dialog.locator('[part="citations"]')).toHaveCount(2);
    expect(await log.evaluate((el) => el.scrollTop)).toBe(kept);
  });
});

test.describe('citation markers', () => {
  const cite = (title: string, path: string) => ({
    title,
    url: `https://book.example.org/docs/${path}`,
    heading_path: [title],
    source_path: `${path}.md`,
    snippet: '…',
    score: 0.5,
  });

  test('when an answer cites [n], then each known marker links to source n and code keeps its brackets', async ({
    bff,
    widget,
  }) => {
    bff.answer = makeAnswer({
      answer:
        'Fusion [1] and feedback [2]; see also [7].\n\n```python\nxs[1] = 2\n```\n\nIndex with `ys[2]`.',
      citations: [cite('Sensors', 'sensors'), cite('Control', 'control')],
    });
    await widget.goto();
    await widget.open();
    await widget.ask('How do robots fuse sensors and control?');
    const answer = widget.dialog.locator('[part="answer"]');
    await expect(widget.dialog.locator('[part="citations"]')).toBeVisible();
    const first = answer.getByRole('link', { name: 'Source 1: Sensors' });
    await expect(first).toHaveText('[1]');
    await expect(first).toHaveAttribute('href', 'https://book.example.org/docs/sensors');
    await expect(answer.getByRole('link', { name: 'Source 2: Control' })).toHaveAttribute(
      'href',
      'https://book.example.org/docs/control',
    );
    // Only the two known markers are links; [7] and the brackets in code stay text.
    await expect(answer.getByRole('link')).toHaveCount(2);
    await expect(answer).toContainText('see also [7].');
    await expect(answer.locator('pre')).toContainText('xs[1] = 2');
    await expect(answer.locator('pre a, code a')).toHaveCount(0);
    await expect(answer.locator('code', { hasText: 'ys[2]' })).toBeVisible();
  });
});
