import { expect, test } from '../fixtures.js';
import { errorBody, makeAnswer } from '../support/mock-bff.js';

test.describe('chat errors', () => {
  test('when rate limited, then the wait is shown and Retry works once it is over', async ({
    bff,
    widget,
  }) => {
    bff.once('POST /query', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/json',
        headers: { 'Retry-After': '2' },
        body: errorBody('rate_limited', 'Too many requests.'),
      }),
    );
    await widget.goto();
    await widget.open();
    await widget.ask('What does a Kalman filter do?');
    const error = widget.dialog.locator('[part="error"]');
    await expect(error).toContainText('Too many questions');
    await expect(error).toContainText(/You can ask again in [12] s/);
    const retry = widget.dialog.locator('[part="retry"]');
    await expect(retry).toBeDisabled();
    await widget.screenshot('chat-error-429');
    await expect(retry).toHaveText('Retry', { timeout: 5000 });
    await retry.click();
    await expect(widget.dialog.locator('[part~="answer"]')).toContainText('Kalman filter');
    await expect(error).toHaveCount(0);
    expect(bff.requestsTo('POST /query')).toHaveLength(2);
  });

  test('when a dependency is down, then the 503 names it and Retry recovers', async ({ bff, widget }) => {
    bff.once('POST /query', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: errorBody('vector_store_unavailable', 'The vector store is not reachable.'),
      }),
    );
    await widget.goto();
    await widget.open();
    await widget.ask('What does a Kalman filter do?');
    const error = widget.dialog.locator('[part="error"]');
    await expect(error).toContainText('Temporarily unavailable');
    await expect(error).toContainText("The assistant's search index is unavailable right now.");
    await widget.screenshot('chat-error-503');
    await widget.dialog.getByRole('button', { name: 'Retry' }).click();
    await expect(widget.dialog.locator('[part~="answer"]')).toContainText('Kalman filter');
  });

  test('when the stream reports an error, then it is shown with Retry', async ({ bff, widget }) => {
    bff.once('POST /query', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/event-stream',
        body: `event: delta\ndata: {"text":"Half an"}\n\nevent: error\ndata: ${errorBody('generator_unavailable', 'Cohere is down.')}\n\n`,
      }),
    );
    await widget.goto();
    await widget.open();
    await widget.ask('What does a Kalman filter do?');
    await expect(widget.dialog.locator('[part="error"]')).toContainText('language model is unavailable');
    await widget.dialog.getByRole('button', { name: 'Retry' }).click();
    await expect(widget.dialog.locator('[part~="answer"]')).toContainText('Kalman filter');
  });

  test('when offline, then the reader is told so and Retry works once back online', async ({
    context,
    bff,
    widget,
  }) => {
    bff.answer = makeAnswer({ answer: 'Back online.' });
    await widget.goto();
    await widget.open();
    await context.setOffline(true);
    // Routed requests bypass offline emulation, so the mock fails the request the way the network would.
    bff.once('POST /query', (route) => route.abort('internetdisconnected'));
    await widget.ask('Are you there?');
    const error = widget.dialog.locator('[part="error"]');
    await expect(error).toContainText('No connection');
    await expect(error).toContainText('offline');
    await widget.screenshot('chat-error-offline');
    await context.setOffline(false);
    await widget.dialog.getByRole('button', { name: 'Retry' }).click();
    await expect(widget.dialog.locator('[part~="answer"]')).toHaveText('Back online.');
  });
});
