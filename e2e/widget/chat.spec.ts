import { expect, test } from '../fixtures.js';
import { makeAnswer } from '../support/mock-bff.js';

test.describe('chat, signed out', () => {
  test('when a reader asks, then the streamed answer shows with citations and a sign-in hint', async ({
    page,
    bff,
    widget,
  }) => {
    await widget.goto();
    await widget.recordEvents();
    await expect(page.locator('textbook-assistant')).toHaveCount(1);
    await widget.screenshot('launcher');

    await widget.open();
    await expect(widget.input).toBeFocused();
    await widget.screenshot('chat-empty');

    await widget.ask('What does a Kalman filter do?');
    const answer = widget.dialog.locator('[part~="answer"]').first();
    await expect(answer).toContainText('fuses a prediction with each new measurement');
    await expect(answer.locator('strong')).toHaveText('Kalman filter');
    await expect(answer.locator('li')).toHaveCount(2);

    const citation = widget.dialog.getByRole('link', { name: /Sensors and perception.*Sensor fusion/ });
    await expect(citation).toHaveAttribute(
      'href',
      'https://book.example.org/docs/foundations/sensors#sensor-fusion',
    );
    await expect(citation).toHaveAttribute('target', '_blank');
    await expect(citation).toHaveAttribute('rel', /noopener/);
    await expect(widget.dialog.locator('[part="personalization"]')).toHaveText(
      /Sign in for answers tailored to your experience/,
    );
    await expect(widget.dialog.getByRole('status').filter({ hasText: 'Answer:' })).toContainText(
      'Kalman filter',
    );

    const [query] = bff.requestsTo('POST /query');
    expect(query!.body).toEqual({ query: 'What does a Kalman filter do?' });
    expect(query!.headers.accept).toContain('text/event-stream');
    expect(query!.headers['content-type']).toBe('application/json');
    const events = await widget.events();
    expect(events.map((e) => e.type)).toEqual(['ta-opened', 'ta-answer-received']);
    await widget.screenshot('chat-answer');

    bff.answer = makeAnswer({ answer: 'Encoders measure joint angles.', query_id: 'q-2', citations: [] });
    await widget.ask('And encoders?');
    await expect(widget.dialog.locator('.turn')).toHaveCount(2);
    await expect(widget.dialog.locator('[part~="answer"]').nth(1)).toHaveText(
      'Encoders measure joint angles.',
    );
  });

  test('when the server answers JSON instead of SSE, then the answer still shows', async ({
    page,
    bff,
    widget,
  }) => {
    await widget.goto();
    bff.once('POST /query', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify(makeAnswer({ answer: 'Plain JSON answer.' })),
      }),
    );
    await widget.open();
    await widget.ask('Hello?');
    await expect(widget.dialog.locator('[part~="answer"]')).toHaveText('Plain JSON answer.');
    expect(page).toBeTruthy();
  });

  test('when the reader copies and rates an answer, then feedback is sent and a missing endpoint is ignored', async ({
    page,
    context,
    bff,
    widget,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await widget.goto();
    await widget.open();
    await widget.ask('What does a Kalman filter do?');
    await widget.dialog.getByRole('button', { name: 'Copy answer' }).click();
    await expect(widget.dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('**Kalman filter**');

    const up = widget.dialog.getByRole('button', { name: 'Helpful', exact: true });
    await up.click();
    await expect(up).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => bff.requestsTo('POST /query/q-1/feedback').length).toBe(1);
    expect(bff.requestsTo('POST /query/q-1/feedback')[0]!.body).toEqual({ value: 1 });
    // The mock has no feedback route (404): the widget shows no error.
    await expect(widget.dialog.locator('[part="error"]')).toHaveCount(0);
  });

  test('when text on the page is selected, then "Ask about this" opens the panel with it as selected_text', async ({
    page,
    bff,
    widget,
  }) => {
    await widget.goto();
    await page.locator('#passage').selectText();
    const ask = page.getByRole('button', { name: 'Ask about this' });
    await expect(ask).toBeVisible();
    await widget.screenshot('ask-about-this');
    await ask.click();
    await expect(widget.dialog).toBeVisible();
    await expect(widget.dialog.locator('[part="selection"]')).toContainText('A Kalman filter predicts');
    await expect(widget.input).toBeFocused();
    await widget.screenshot('chat-selection');
    await widget.ask('Explain this');
    await expect(widget.dialog.locator('[part="quote"]')).toContainText('A Kalman filter predicts');
    // The quote shows as soon as the turn starts, which can be before the request reaches the mock.
    await expect.poll(() => bff.requestsTo('POST /query').length).toBe(1);
    const [query] = bff.requestsTo('POST /query');
    expect((query!.body as { selected_text: string }).selected_text).toMatch(
      /^A Kalman filter predicts the robot's state/,
    );
  });

  test('when the element is re-mounted or the page reloads, then the conversation is restored', async ({
    page,
    widget,
  }) => {
    await widget.goto();
    await widget.open();
    await widget.ask('What does a Kalman filter do?');
    await expect(widget.dialog.locator('[part~="answer"]')).toBeVisible();
    await widget.dialog.getByRole('button', { name: 'Close' }).click();

    // What a single-page navigation does to a React-managed mount point.
    await page.evaluate(() => {
      const old = document.querySelector('textbook-assistant')!;
      const apiBase = old.getAttribute('api-base')!;
      old.remove();
      const fresh = document.createElement('textbook-assistant');
      fresh.setAttribute('api-base', apiBase);
      document.body.append(fresh);
    });
    await expect(page.locator('textbook-assistant')).toHaveCount(1);
    await widget.open();
    await expect(widget.dialog.locator('.turn')).toHaveCount(1);
    await expect(widget.dialog.locator('[part~="answer"]')).toContainText('Kalman filter');

    await page.reload();
    await widget.open();
    await expect(widget.dialog.locator('[part~="answer"]')).toContainText('Kalman filter');
    await widget.dialog.getByRole('button', { name: 'New conversation' }).click();
    await expect(widget.dialog.locator('.turn')).toHaveCount(0);
  });
});
