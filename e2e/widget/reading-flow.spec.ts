import { expect, test } from '../fixtures.js';
import { makeAnswer } from '../support/mock-bff.js';
import {
  askForLongAnswer,
  bookSource,
  expectLongAnswer,
  expectQuestionAtTop,
  failNextQuestion,
  holdNextLongAnswer,
  longAnswer,
  scrollUpWhileWaiting,
} from '../support/reading.js';

test.describe('reading flow', () => {
  test('when a follow-up is answered, then its question sits at the top of the log with the answer below', async ({
    bff,
    widget,
  }) => {
    await widget.goto();
    await widget.open();
    await askForLongAnswer(bff, widget, 'What is kinematics?', 'Kinematics');
    await askForLongAnswer(bff, widget, 'And dynamics?', 'Dynamics');
    await expectQuestionAtTop(widget.dialog.locator('.chat-log'));
  });

  test('when a failed answer is retried, then the log brings its question to the top as for a new one, even after the reader scrolled', async ({
    page,
    bff,
    widget,
  }) => {
    await widget.goto();
    await widget.open();
    await askForLongAnswer(bff, widget, 'What is kinematics?', 'Kinematics');
    failNextQuestion(bff);
    await widget.ask('And dynamics?');
    const retry = widget.dialog.getByRole('button', { name: 'Retry' });
    await expect(retry).toBeVisible();
    // The reader scrolls back up to re-read the first answer, then down again to the failure.
    const log = widget.dialog.locator('.chat-log');
    await log.hover();
    await page.mouse.wheel(0, -600);
    await expect.poll(() => log.evaluate((el) => el.scrollTop)).toBeLessThan(200);
    await retry.scrollIntoViewIfNeeded();
    bff.answer = makeAnswer({ answer: longAnswer('Dynamics') });
    await retry.click();
    await expectLongAnswer(widget, 'Dynamics');
    await expectQuestionAtTop(log);
  });

  for (const retried of [false, true]) {
    test(`when the reader scrolls up while ${retried ? 'a retried' : 'an'} answer is coming, then the log keeps their position`, async ({
      page,
      bff,
      widget,
    }) => {
      await widget.goto();
      await widget.open();
      await askForLongAnswer(bff, widget, 'What is kinematics?', 'Kinematics');
      if (retried) {
        failNextQuestion(bff);
        await widget.ask('And dynamics?');
      }
      const release = holdNextLongAnswer(bff, 'Dynamics');
      if (retried) await widget.dialog.getByRole('button', { name: 'Retry' }).click();
      else await widget.ask('And dynamics?');
      const log = widget.dialog.locator('.chat-log');
      const kept = await scrollUpWhileWaiting(page, log);
      release();
      await expectLongAnswer(widget, 'Dynamics');
      await expect(widget.dialog.locator('[part="citations"]')).toHaveCount(2);
      expect(await log.evaluate((el) => el.scrollTop)).toBe(kept);
    });
  }
});

test.describe('citation markers', () => {
  test('when an answer cites [n], then each known marker links to source n and code keeps its brackets', async ({
    bff,
    widget,
  }) => {
    bff.answer = makeAnswer({
      answer:
        'Fusion [1] and feedback [2]; see also [7].\n\n```python\nxs[1] = 2\n```\n\nIndex with `ys[2]`.',
      citations: [bookSource('Sensors', 'sensors'), bookSource('Control', 'control')],
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
