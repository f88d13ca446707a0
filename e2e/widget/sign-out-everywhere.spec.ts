import type { Page } from '@playwright/test';
import { expect, test, WidgetPage } from '../fixtures.js';
import { makeAccount } from '../support/mock-bff.js';

const NOTE = 'Answered for an Advanced reader interested in ROS 2';

/** A personalized conversation on the widget of this tab. */
async function converse(widget: WidgetPage, question: string): Promise<void> {
  await widget.goto();
  await widget.open();
  await expect(widget.tab('Account')).toBeVisible();
  await widget.ask(question);
  await expect(widget.dialog.locator('[part="personalization"]')).toHaveText(NOTE);
}

/** The anonymous empty state: the greeting, no turns, no personalization note, "Sign in" offered. */
async function expectAnonymousEmpty(widget: WidgetPage): Promise<void> {
  await expect(widget.dialog.locator('[part="welcome"]')).toBeVisible();
  await expect(widget.dialog.locator('.turn')).toHaveCount(0);
  await expect(widget.dialog.locator('[part="personalization"]')).toHaveCount(0);
  await expect(widget.tab('Sign in')).toBeVisible();
}

for (const transport of ['BroadcastChannel', 'storage events (no BroadcastChannel)'] as const) {
  test(`when a reader signs out in one tab, then every tab forgets the conversation, via ${transport}`, async ({
    page,
    context,
    bff,
    widget,
  }) => {
    const withoutChannel = transport !== 'BroadcastChannel';
    const tabs: Page[] = [page, await context.newPage()];
    for (const tab of tabs) {
      if (withoutChannel)
        await tab.addInitScript(() => delete (window as { BroadcastChannel?: unknown }).BroadcastChannel);
    }
    await bff.install(tabs[1]!);
    bff.session = makeAccount();
    const other = new WidgetPage(tabs[1]!);
    await converse(widget, 'What does a Kalman filter do?');
    await converse(other, 'And a particle filter?');

    await page.bringToFront();
    await widget.tab('Account').click();
    await widget.dialog.getByRole('button', { name: 'Sign out', exact: true }).click();
    await widget.tab('Chat').click();
    await expectAnonymousEmpty(widget);
    // The other tab did not sign out itself: it learned of it, and wiped its own conversation.
    await expectAnonymousEmpty(other);
    expect(bff.requestsTo('POST /auth/signout')).toHaveLength(1);
    // Nothing personal is left in storage either: a reload shows the empty state again.
    await tabs[1]!.reload();
    await other.open();
    await expectAnonymousEmpty(other);
  });
}
