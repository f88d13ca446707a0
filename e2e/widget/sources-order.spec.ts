import { expect, test } from '../fixtures.js';
import { makeAnswer } from '../support/mock-bff.js';
import { bookSource } from '../support/reading.js';

const SOURCES = [
  bookSource('Sensors', 'sensors'),
  bookSource('Control', 'control'),
  bookSource('Simulation', 'sim'),
];
/** Every order of the three sources the streamed meta may list (the final answer cites Control, then Sensors). */
const ORDERS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

for (const order of ORDERS) {
  const metaTitles = order.map((i) => SOURCES[i]!.title).join(', ');
  test(`when the streamed meta lists sources as ${metaTitles} and the final answer otherwise, then the shown order never changes`, async ({
    page,
    bff,
    widget,
  }) => {
    const [a, b] = SOURCES;
    const done = makeAnswer({ answer: 'Fusion [1] and feedback [2].', citations: [b!, a!] });
    const meta = { ...done, answer: undefined, citations: order.map((i) => SOURCES[i]!) };
    bff.once('POST /query', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/event-stream',
        body: [
          `event: meta\ndata: ${JSON.stringify(meta)}\n\n`,
          `event: delta\ndata: ${JSON.stringify({ text: 'Fusion [1] and ' })}\n\n`,
          `event: delta\ndata: ${JSON.stringify({ text: 'feedback [2].' })}\n\n`,
          `event: done\ndata: ${JSON.stringify(done)}\n\n`,
        ].join(''),
      }),
    );
    await widget.goto();
    await widget.open();
    // Every order the list ever shows, recorded as it changes.
    await page.evaluate(() => {
      const w = window as unknown as { __orders: string[] };
      w.__orders = [];
      const root = document.querySelector('textbook-assistant')!.shadowRoot!;
      new MutationObserver(() => {
        const titles = [...root.querySelectorAll('[part="citations"] .cite-title')].map((t) => t.textContent);
        const last = w.__orders.at(-1);
        if (titles.length && titles.join('|') !== last) w.__orders.push(titles.join('|'));
      }).observe(root, { subtree: true, childList: true, characterData: true });
    });
    await widget.ask('How do robots fuse sensors and control?');
    await expect(widget.dialog.locator('[part="citations"] .cite-title')).toHaveText(['Control', 'Sensors']);
    const orders = await page.evaluate(() => (window as unknown as { __orders: string[] }).__orders);
    expect(orders).toEqual(['Control|Sensors']);
  });
}
