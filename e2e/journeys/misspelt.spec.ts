import { expect, test } from '../support/journey-fixtures.js';

test('when a reader mistypes a word of the question, then the answer is the one for the word spelt right and a note says how it was read', async ({
  widget,
  shot,
}) => {
  await widget.goto();
  await widget.open();
  await widget.ask('How does the robot receive IMU data?');
  const spelt = await widget.answer(0);
  await expect(spelt.locator('[part="read-as"]')).toHaveCount(0);
  const right = await spelt.locator('[part="answer"]').innerText();

  await widget.ask('How does the robot recieve IMU data?');
  const typed = await widget.answer(1);
  await expect(typed.locator('[part="read-as"]')).toHaveText('Read “recieve” as “receive”');
  // The note sits above the answer, which is the same answer with the same sources.
  await expect(typed.locator('[part="read-as"] + [part="answer"]')).toHaveCount(1);
  expect(await typed.locator('[part="answer"]').innerText()).toBe(right);
  expect(await typed.locator('[part="citations"]').innerText()).toBe(
    await spelt.locator('[part="citations"]').innerText(),
  );
  await shot('misspelt-question');
});
