import type { Page } from '@playwright/test';
import { anyCopyOf, expect, test, type WidgetPage } from '../fixtures.js';
import { errorBody, makeAccount } from '../support/mock-bff.js';

const PASSWORD = 'Robots4ever!';

test.describe('account', () => {
  test('when sign-up fails validation, then each server error shows next to its field', async ({
    bff,
    widget,
  }) => {
    await widget.goto();
    await widget.openAccount();
    await widget.dialog.getByRole('button', { name: 'Create an account' }).click();
    await expect(widget.dialog.getByRole('heading', { name: 'Create an account' })).toBeVisible();
    await expect(widget.dialog.getByLabel('Email')).toBeFocused();

    // The password rule is neutral on an empty field (nothing "not met", not even the byte limit),
    // then shown live as the reader types.
    const rules = widget.dialog.locator('[part="password-rules"] li');
    const password = widget.dialog.getByLabel('Password', { exact: true });
    await expect(rules).toHaveCount(6);
    for (const rule of await rules.all()) await expect(rule).toHaveClass('pending');
    await expect(rules.locator('.sr-only')).toHaveCount(0);
    await password.fill('robot');
    await expect(rules.filter({ hasText: 'A lowercase letter' })).toHaveClass('met');
    await expect(rules.filter({ hasText: 'An uppercase letter' })).toHaveClass('unmet');
    await expect(rules.filter({ hasText: 'At most 72 bytes' })).toHaveClass('met');
    await password.fill('');
    await expect(rules.filter({ hasText: 'At most 72 bytes' })).toHaveClass('pending');
    await password.fill('robot');
    await password.fill(PASSWORD);
    await expect(rules.locator('.sr-only', { hasText: 'not met' })).toHaveCount(0);
    const tooLong = `Aa1!${'é'.repeat(35)}`; // 39 characters but 74 bytes
    await password.fill(tooLong);
    await expect(rules.filter({ hasText: 'At most 72 bytes' })).toHaveClass('unmet');
    await password.fill(PASSWORD);

    await widget.dialog.getByLabel('Email').fill('taken@example.org');
    await widget.dialog.getByLabel('Software experience').selectOption('Intermediate');
    await widget.dialog.getByLabel('Hardware experience').selectOption('Basic');
    const interests = widget.dialog.getByRole('textbox', { name: /Interests/ });
    await interests.fill('ROS 2');
    await interests.press('Enter');
    await widget.dialog.getByRole('button', { name: '+ Simulation' }).click();
    await expect(widget.dialog.locator('[part="chip"]')).toHaveText(['ROS 2', 'Simulation']);

    bff.once('POST /auth/signup', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: errorBody('validation_error', 'Some fields are not valid.', [
          { path: 'email', message: 'This email is already registered.' },
          { path: 'interests.1', message: 'Pick interests from the book.' },
          { path: 'captcha', message: 'Prove you are human.' },
        ]),
      }),
    );
    await widget.dialog.getByRole('button', { name: 'Create account' }).click();
    const email = widget.dialog.getByLabel('Email');
    await expect(widget.dialog.locator('#signup-email-error')).toHaveText(
      'This email is already registered.',
    );
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAttribute('aria-describedby', /signup-email-error/);
    await expect(widget.dialog.locator('#signup-interests-error')).toHaveText(
      'Pick interests from the book.',
    );
    await expect(widget.dialog.getByRole('alert')).toContainText('Prove you are human.');
    await widget.screenshot('account-signup-errors');

    const [signup] = bff.requestsTo('POST /auth/signup');
    expect(signup!.body).toEqual({
      email: 'taken@example.org',
      password: PASSWORD,
      software_experience: 'Intermediate',
      hardware_experience: 'Basic',
      interests: ['ROS 2', 'Simulation'],
    });
  });

  test('when the sign-up form is invalid, then nothing is sent and the fields say why', async ({
    bff,
    widget,
  }) => {
    await widget.goto();
    await widget.openAccount();
    await widget.dialog.getByRole('button', { name: 'Create an account' }).click();
    await widget.dialog.getByLabel('Email').fill('not-an-email');
    await widget.dialog.getByLabel('Password', { exact: true }).fill('short');
    await widget.dialog.getByRole('button', { name: 'Create account' }).click();
    await expect(widget.dialog.locator('#signup-email-error')).toHaveText('Enter a valid email address.');
    await expect(widget.dialog.locator('#signup-password-error')).toContainText('at least 8 characters');
    expect(bff.requestsTo('POST /auth/signup')).toHaveLength(0);
  });

  test('when a reader signs up, then they are signed in and see their profile', async ({ bff, widget }) => {
    await widget.goto();
    await widget.recordEvents();
    await widget.openAccount();
    await widget.dialog.getByRole('button', { name: 'Create an account' }).click();
    await widget.dialog.getByLabel('Email').fill('new@example.org');
    await widget.dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await widget.dialog.getByLabel('Software experience').selectOption('Advanced');
    await widget.dialog.getByRole('button', { name: 'Create account' }).click();
    await expect(widget.dialog.getByRole('heading', { name: 'Your profile' })).toBeVisible();
    await expect(widget.dialog.getByText('new@example.org')).toBeVisible();
    await expect(widget.tab('Account')).toBeVisible();
    const types = (await widget.events()).map((e) => e.type);
    expect(types).toEqual(['ta-opened', 'ta-signed-up', 'ta-signed-in']);
    expect(bff.session?.email).toBe('new@example.org');
  });

  test('when sign-in fails then succeeds, then answers are personalized for the profile', async ({
    bff,
    widget,
  }) => {
    bff.addUser('ada@example.org', PASSWORD, makeAccount({ interests: ['ROS 2'] }));
    await widget.goto();
    await widget.recordEvents();
    await widget.openAccount();
    await widget.screenshot('account-signin');
    await widget.dialog.getByLabel('Email').fill('ada@example.org');
    await widget.dialog.getByLabel('Password').fill('Wrong-pass1!');
    await widget.dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(widget.dialog.getByRole('alert')).toHaveText('Invalid email or password.');

    await widget.dialog.getByLabel('Password').fill(PASSWORD);
    await widget.dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(widget.dialog.getByRole('heading', { name: 'Your profile' })).toBeVisible();
    await widget.screenshot('account-profile');

    await widget.tab('Chat').click();
    await widget.ask('What does a Kalman filter do?');
    await expect(widget.dialog.locator('[part="personalization"]')).toHaveText(
      'Answered for an Advanced reader interested in ROS 2',
    );
    await widget.screenshot('chat-personalized');
    const events = await widget.events();
    expect(events.find((e) => e.type === 'ta-signed-in')?.detail).toMatchObject({
      user: { email: 'ada@example.org' },
      restored: false,
    });
  });

  test('when a signed-in reader edits the profile and signs out, then the changes are saved and the session ends', async ({
    bff,
    widget,
  }) => {
    bff.session = makeAccount({ interests: ['ROS 2', 'Humanoids'] });
    await widget.goto();
    await widget.recordEvents();
    await widget.open();
    await widget.tab('Account').click();
    await widget.dialog.getByLabel('Software experience').selectOption('Beginner');
    await widget.dialog.getByLabel('Hardware experience').selectOption('Advanced');
    await widget.dialog.getByRole('button', { name: 'Remove Humanoids' }).click();
    const interests = widget.dialog.getByRole('textbox', { name: /Interests/ });
    await interests.fill('Computer vision');
    await interests.press('Enter');
    await widget.dialog.getByRole('button', { name: 'Save profile' }).click();
    await expect(widget.dialog.getByRole('status').filter({ hasText: 'Profile saved.' })).toBeVisible();
    expect(bff.requestsTo('PUT /profile')[0]!.body).toEqual({
      software_experience: 'Beginner',
      hardware_experience: 'Advanced',
      interests: ['ROS 2', 'Computer vision'],
    });

    await widget.dialog.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(widget.dialog.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expect(bff.session).toBeUndefined();
    const types = (await widget.events()).map((e) => e.type);
    expect(types).toEqual(['ta-opened', 'ta-profile-updated', 'ta-signed-out']);
  });

  test('when the access cookie expired, then the widget refreshes once and keeps the reader signed in', async ({
    bff,
    widget,
  }) => {
    bff.session = makeAccount();
    bff.accessExpired = true;
    bff.canRefresh = true;
    await widget.goto();
    await widget.open();
    await expect(widget.tab('Account')).toBeVisible();
    expect(bff.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /auth/session',
      'POST /auth/refresh',
      'GET /auth/session',
    ]);
  });

  test('when no refresh would succeed, then the widget is cleanly signed out without trying one', async ({
    bff,
    widget,
  }) => {
    bff.session = makeAccount();
    bff.accessExpired = true;
    bff.canRefresh = false;
    await widget.goto();
    await widget.open();
    await expect(widget.tab('Sign in')).toBeVisible();
    expect(bff.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /auth/session']);
    await widget.ask('Still works signed out?');
    await expect(widget.dialog.locator('[part="personalization"]')).toContainText(
      'Sign in for answers tailored',
    );
  });

  test('when using only the keyboard, then a reader can open the panel and sign in', async ({
    page,
    bff,
    widget,
  }) => {
    bff.addUser('ada@example.org', PASSWORD);
    await widget.goto();
    await page.keyboard.press('Tab');
    await expect(widget.launcher).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(widget.input).toBeFocused();
    // Tab past the last control wraps to the first (focus is trapped in the dialog).
    await page.keyboard.press('Tab');
    await expect(widget.dialog.getByRole('button', { name: 'Send question' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(widget.dialog.getByRole('button', { name: 'Close' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(widget.tab('Chat')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(widget.tab('Sign in')).toBeFocused();
    await expect(widget.tab('Sign in')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Tab');
    await expect(widget.dialog.getByLabel('Email')).toBeFocused();
    await page.keyboard.type('ada@example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(widget.dialog.getByRole('heading', { name: 'Your profile' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(widget.dialog).toBeHidden();
    await expect(widget.launcher).toBeFocused();
  });

  test.describe('when the Account forms arrive after the reader has moved on', () => {
    /** Holds the Account chunk's response until `release()`, so the reader acts while it loads. */
    async function holdAccountChunk(page: Page): Promise<() => void> {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route(anyCopyOf('textbook-assistant.account.js'), async (route) => {
        await released;
        await route.continue();
      });
      return release;
    }

    /** Opens the panel and selects the Sign in tab with the keyboard only (its forms still loading). */
    async function selectSignInByKeyboard(page: Page, widget: WidgetPage): Promise<void> {
      await widget.goto();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect(widget.input).toBeFocused();
      await widget.tab('Chat').focus();
      await page.keyboard.press('ArrowRight');
      await expect(widget.tab('Sign in')).toBeFocused();
      await expect(widget.dialog.getByRole('status').filter({ hasText: 'Loading' })).toBeVisible();
    }

    test('when the reader tabs into the loading Sign in tab, then its Email field takes focus when it arrives', async ({
      page,
      widget,
    }) => {
      const release = await holdAccountChunk(page);
      await selectSignInByKeyboard(page, widget);
      await page.keyboard.press('Tab');
      // The loading panel holds focus meanwhile (it is the next stop after the tab, as WAI-ARIA tabs ask).
      await expect(widget.dialog.getByRole('tabpanel')).toBeFocused();
      release();
      await expect(widget.dialog.getByLabel('Email')).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(widget.dialog.getByLabel('Password')).toBeFocused();
    });

    // The reader goes back to the tab, or on to the Close button, before the forms arrive.
    for (const [where, keys] of [
      ['the Sign in tab', ['Tab', 'Shift+Tab']],
      ['the Close button', ['Tab', 'Shift+Tab', 'Shift+Tab']],
    ] as const) {
      test(`when the reader moves to ${where} meanwhile, then the arriving forms leave focus there`, async ({
        page,
        widget,
      }) => {
        const release = await holdAccountChunk(page);
        await selectSignInByKeyboard(page, widget);
        for (const key of keys) await page.keyboard.press(key);
        const target =
          where === 'the Sign in tab'
            ? widget.tab('Sign in')
            : widget.dialog.getByRole('button', { name: 'Close' });
        await expect(target).toBeFocused();
        release();
        await expect(widget.dialog.getByLabel('Email')).toBeVisible();
        await page.waitForTimeout(200); // a late focus move would land within a frame or two
        await expect(target).toBeFocused();
      });
    }

    test('when a mail link opens the panel before the forms arrive, then the form takes focus when they do', async ({
      page,
      widget,
    }) => {
      const release = await holdAccountChunk(page);
      // The held chunk delays the load event: wait for the DOM only.
      await page.goto('/#ta-reset=reset-token-123', { waitUntil: 'domcontentloaded' });
      await expect(widget.dialog.getByRole('status').filter({ hasText: 'Loading' })).toBeVisible();
      release();
      await expect(widget.dialog.getByLabel('New password', { exact: true })).toBeFocused();
    });
  });
});
