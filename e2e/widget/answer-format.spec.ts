import { expect, test } from '../fixtures.js';
import { makeAnswer } from '../support/mock-bff.js';

test('when an answer holds $…$ and $$…$$ formulas and a Markdown table, then they render as MathML and a table', async ({
  bff,
  widget,
}) => {
  bff.answer = makeAnswer({
    answer: [
      'The ZMP of a point mass at height $z_c$ is [1]:',
      '$$\np_x = x_c - \\frac{z_c}{g}\\ddot{x}_c\n$$',
      '| Engine | Good for |\n| --- | --- |\n| DART | humanoids |\n| Bullet | fast contacts |',
      'A sensor costs $5 and a board $10.',
      'A hostile formula $\\href{javascript:alert(1)}{click}$ stays inert.',
    ].join('\n\n'),
  });
  await widget.goto();
  await widget.open();
  await widget.ask('What is the ZMP?');
  const answer = widget.dialog.locator('[part~="answer"]').first();

  const math = answer.locator('math');
  await expect(math).toHaveCount(3);
  await expect(math.nth(0)).not.toHaveAttribute('display', 'block');
  await expect(math.nth(1)).toHaveAttribute('display', 'block');
  await expect(math.nth(1).locator('mfrac')).toHaveCount(1);
  // MathML is laid out by the browser: the fraction has real height, not a line of source text.
  const box = await math.nth(1).boundingBox();
  expect(box!.height).toBeGreaterThan(20);
  await expect(answer).not.toContainText('\\frac');

  const table = answer.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['Engine', 'Good for']);
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('cell', { name: 'humanoids' })).toBeVisible();

  await expect(answer).toContainText('A sensor costs $5 and a board $10.');
  await expect(answer.locator('a[href^="javascript:"]')).toHaveCount(0);
});

test('when the reader asks a follow-up, then the widget sends the earlier question and answer as history', async ({
  bff,
  widget,
}) => {
  bff.answer = makeAnswer({ answer: 'A topic is a named channel [1].', query_id: 'q-1' });
  await widget.goto();
  await widget.open();
  await widget.ask('What is a ROS 2 topic?');
  await expect(widget.dialog.locator('[part~="answer"]').first()).toContainText('named channel');

  bff.answer = makeAnswer({
    answer: 'Because publishers and subscribers stay decoupled [1].',
    query_id: 'q-2',
  });
  await widget.ask('Why?');
  await expect(widget.dialog.locator('.turn')).toHaveCount(2);
  await expect(widget.dialog.locator('[part~="answer"]').nth(1)).toContainText('decoupled');
  const [first, second] = bff.requestsTo('POST /query');
  expect(first!.body).not.toHaveProperty('history');
  expect(second!.body).toMatchObject({
    query: 'Why?',
    history: [
      { role: 'user', content: 'What is a ROS 2 topic?' },
      { role: 'assistant', content: 'A topic is a named channel [1].' },
    ],
  });
});
