import { expect, test } from '../support/journey-fixtures.js';

test('when a reader selects a passage and presses "Ask about this", then the answer is about that passage', async ({
  page,
  servers,
  widget,
  shot,
}) => {
  await widget.goto();
  const passage = page.locator('#passage');
  const text = (await passage.innerText()).trim();
  await passage.selectText();
  const ask = page.getByRole('button', { name: 'Ask about this' });
  await expect(ask).toBeVisible();
  await shot('ask-about-this-01-selection');
  await ask.click();
  await expect(widget.dialog).toBeVisible();
  await expect(widget.dialog.locator('[part="selection"]')).toContainText('A Kalman filter predicts');
  await expect(widget.input).toBeFocused();

  const request = page.waitForRequest(
    (r) => r.url() === `${servers.bffUrl}/api/v1/query` && r.method() === 'POST',
  );
  await widget.ask('What does this mean?');
  const body = (await request).postDataJSON() as { query: string; selected_text: string };
  expect(body.query).toBe('What does this mean?');
  expect(body.selected_text.replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));

  const turn = await widget.answer(0);
  await expect(turn.locator('[part="quote"]')).toContainText('A Kalman filter predicts');
  // The extractive answer quotes the highlight back, then explains it from the book.
  const answer = turn.locator('[part~="answer"]');
  await expect(answer).toContainText('You highlighted: “A Kalman filter predicts');
  await expect(answer).toContainText(/accelerometer|filter/);
  const hrefs = await turn
    .locator('[part="citations"] a')
    .evaluateAll((els) => els.map((a) => a.getAttribute('href')));
  expect(hrefs).toContain(`${servers.docusaurusUrl}/foundations/sensors#inertial-measurement-units-imu`);
  await shot('ask-about-this-02-answer');
});
