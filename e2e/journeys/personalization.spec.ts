import { expect, PASSWORD, test } from '../support/journey-fixtures.js';

// The sample book's PID page answers this for every level; the extractive generator shapes it:
// Beginner → "In plain words", two sources, no code; Advanced → "Technical detail", the PID law
// as a formula, the ros2_control YAML as a code block, four sources; signed out → "Key details".
// A how-to question: the book answers it with a parameter file and the discrete PID law.
const QUESTION = 'How do I implement a PID controller in Python?';
// The key fact every level must carry (issue 10: the same key fact reaches every level).
const KEY_FACT = 'most widely used feedback controller';

interface AnswerEvent {
  type: string;
  detail: { response: { level: string; personalization_applied: boolean; mode: string } };
}

test('when a Beginner signs up, turns Advanced, then signs out, then each answer is pitched at that reader', async ({
  widget,
  email,
  shot,
}) => {
  await widget.goto();
  await widget.recordEvents();
  await widget.openAccount();
  await widget.dialog.getByRole('button', { name: 'Create an account' }).click();
  await widget.dialog.getByLabel('Email').fill(email);
  await widget.dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await widget.dialog.getByLabel('Software experience').selectOption('Beginner');
  await widget.dialog.getByLabel('Hardware experience').selectOption('None');
  const interests = widget.dialog.getByRole('textbox', { name: /Interests/ });
  await interests.fill('Control');
  await interests.press('Enter');
  await shot('personalization-01-signup-form');
  await widget.dialog.getByRole('button', { name: 'Create account' }).click();
  await expect(widget.dialog.getByRole('heading', { name: 'Your profile' })).toBeVisible();
  await expect(widget.dialog.getByText(email)).toBeVisible();
  await shot('personalization-02-signed-up');

  // Beginner: the book's own definitions first, no code or formulas, and the note says who it was for.
  await widget.tab('Chat').click();
  await widget.ask(QUESTION);
  const beginner = await widget.answer(0);
  const beginnerAnswer = beginner.locator('[part~="answer"]');
  await expect(beginnerAnswer).toContainText('Words to know:');
  await expect(beginnerAnswer).toContainText(KEY_FACT);
  await expect(beginnerAnswer.locator('pre, code, .katex, math')).toHaveCount(0);
  await expect(beginner.locator('[part="personalization"]')).toHaveText(
    'Answered for a Beginner reader interested in Control',
  );
  const beginnerText = (await beginnerAnswer.innerText()).trim();
  // Short even with its definitions first ("Words to know"); Advanced is checked against it below.
  expect(beginnerText.length).toBeLessThan(600);
  const beginnerSources = await beginner.getByRole('link').count();
  await shot('personalization-03-beginner-answer');

  // Advanced, set in the Account view.
  await widget.tab('Account').click();
  await widget.dialog.getByLabel('Software experience').selectOption('Advanced');
  await widget.dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(widget.dialog.getByRole('status').filter({ hasText: 'Profile saved.' })).toBeVisible();
  await shot('personalization-04-profile-advanced');
  await widget.tab('Chat').click();
  await widget.ask(QUESTION);
  const advanced = await widget.answer(1);
  const advancedAnswer = advanced.locator('[part~="answer"]');
  await expect(advancedAnswer).toContainText(KEY_FACT);
  await expect(advancedAnswer).not.toContainText('Words to know:');
  await expect(advancedAnswer.locator('pre code')).toContainText('joint_trajectory_controller');
  // The PID law as a formula (MathML), which the Beginner answer says in words or leaves out.
  await expect(advancedAnswer.locator('math').first()).toBeAttached();
  await expect(advanced.locator('[part="personalization"]')).toHaveText(
    'Answered for an Advanced reader interested in Control',
  );
  const advancedText = (await advancedAnswer.innerText()).trim();
  expect(advancedText.length).toBeGreaterThan(2 * beginnerText.length);
  expect(await advanced.getByRole('link').count()).toBeGreaterThan(beginnerSources);
  await advanced.scrollIntoViewIfNeeded();
  await shot('personalization-05-advanced-answer');

  // Signed out: the standard answer, and an invitation to sign in.
  await widget.tab('Account').click();
  await widget.dialog.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(widget.tab('Sign in')).toBeVisible();
  await widget.tab('Chat').click();
  // Sign-out forgot the personal conversation (issue 15): the log starts empty.
  await expect(widget.dialog.locator('.turn')).toHaveCount(0);
  await widget.ask(QUESTION);
  const standard = await widget.answer(0);
  const standardAnswer = standard.locator('[part~="answer"]');
  await expect(standardAnswer).toContainText(KEY_FACT);
  await expect(standardAnswer).not.toContainText('Words to know:');
  await expect(standardAnswer.locator('math')).toHaveCount(0);
  await expect(standard.locator('[part="personalization"]')).toHaveText(
    'Sign in for answers tailored to your experience',
  );
  await shot('personalization-06-signed-out-answer');

  const answers = ((await widget.events()) as AnswerEvent[]).filter((e) => e.type === 'ta-answer-received');
  expect(answers.map((e) => [e.detail.response.level, e.detail.response.personalization_applied])).toEqual([
    ['Beginner', true],
    ['Advanced', true],
    ['default', false],
  ]);
  expect(answers.every((e) => e.detail.response.mode === 'extractive')).toBe(true);
});
