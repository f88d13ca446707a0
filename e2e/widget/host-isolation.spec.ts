import type { Page } from '@playwright/test';
import { expect, settleAnimations, test } from '../fixtures.js';

/**
 * Every inherited property a host page might set, on every selector a host might use, with
 * !important: none of it may change what is inside the widget's shadow root.
 */
const HOSTILE = `
  html, body, *, button, dialog, [role], :focus, textbook-assistant {
    letter-spacing: 6px !important; word-spacing: 14px !important; line-height: 3 !important;
    text-transform: uppercase !important; text-indent: 40px !important; text-align: right !important;
    font-family: serif !important; font-size: 31px !important; font-weight: 900 !important;
    font-style: italic !important; font-variant: small-caps !important;
    font-feature-settings: 'smcp', 'onum' !important; font-kerning: none !important;
    font-variant-ligatures: none !important; font-stretch: condensed !important;
    color: rgb(255, 0, 0) !important; text-shadow: 2px 2px 0 red !important;
    white-space: pre !important; word-break: break-all !important; hyphens: auto !important;
    tab-size: 20 !important; text-rendering: geometricPrecision !important;
    cursor: wait !important; visibility: hidden !important; pointer-events: none !important;
    direction: rtl !important; writing-mode: vertical-rl !important; caret-color: red !important;
    text-underline-offset: 9px !important; list-style: square inside !important;
    quotes: '«' '»' !important; accent-color: red !important; color-scheme: dark !important;
    -webkit-text-stroke: 1px red !important; text-decoration: line-through !important;
  }
  :focus { outline: 6px solid red !important; }
`;

const PROPERTIES = [
  'letter-spacing',
  'word-spacing',
  'line-height',
  'text-transform',
  'text-indent',
  'text-align',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant-caps',
  'font-feature-settings',
  'font-kerning',
  'font-variant-ligatures',
  'font-stretch',
  'color',
  'text-shadow',
  'white-space-collapse',
  'text-wrap-mode',
  'word-break',
  'hyphens',
  'tab-size',
  'text-rendering',
  'cursor',
  'visibility',
  'pointer-events',
  'direction',
  'writing-mode',
  'caret-color',
  'text-underline-offset',
  'list-style-type',
  'quotes',
  'accent-color',
  'color-scheme',
  '-webkit-text-stroke-width',
  'text-decoration-line',
  'outline-color',
  'outline-width',
];

const INSIDE = [
  '.header h2',
  '[role="tab"]',
  'textarea',
  '.send',
  '[part~="answer"] p',
  '[part~="answer"] li',
  '[part="citations"] a',
  '[part="personalization"]',
  '.disclaimer',
];

/** The sign-in form, from the Account tab's lazily loaded chunk (its styles are adopted later). */
const ACCOUNT = ['.form h3', '.field label', '.field input', '.btn.primary', '.switch .link'];

type Styles = Record<string, Record<string, string>>;

/** Computed styles (and, for the launcher, its box) of elements inside the shadow root. */
function probe(page: Page, selectors: string[]): Promise<Styles> {
  return page.evaluate(
    ({ selectors, properties }) => {
      const root = document.querySelector('textbook-assistant')!.shadowRoot!;
      const out: Record<string, Record<string, string>> = {};
      for (const selector of selectors) {
        const el = root.querySelector(selector);
        if (!el) throw new Error(`nothing matches ${selector}`);
        const s = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        out[selector] = Object.fromEntries(properties.map((p) => [p, s.getPropertyValue(p)]));
        out[selector]!.box = `${box.width}x${box.height}`;
      }
      return out;
    },
    { selectors, properties: PROPERTIES },
  );
}

/**
 * Both layouts at 1280 px: the modal dialog, and the side panel docked beside the page (its
 * resize handle too, and the page still reflows beside it whatever the host's writing direction).
 */
const LAYOUTS = [
  { layout: 'dialog', frame: ['.panel'] },
  { layout: 'sidepanel', frame: ['.panel', '.resizer'] },
] as const;

for (const { layout, frame } of LAYOUTS) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`when a hostile host stylesheet sets every inherited property (${layout} layout, ${scheme} mode), then nothing inside the widget changes`, async ({
      page,
      widget,
    }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.emulateMedia({ colorScheme: scheme });
      await widget.goto();
      await page.locator('textbook-assistant').evaluate((el, l) => el.setAttribute('layout', l), layout);
      const launcher = await probe(page, ['.launcher', '.launcher-label']);
      await widget.open();
      expect(await widget.dialog.evaluate((d) => d.matches(':modal'))).toBe(layout === 'dialog');
      await expect(widget.dialog).toHaveCSS(
        'background-color',
        scheme === 'dark' ? 'rgb(27, 27, 29)' : 'rgb(255, 255, 255)',
      );
      await widget.ask('What does a Kalman filter do?');
      await expect(widget.dialog.locator('[part="personalization"]')).toBeVisible();
      // The answer is re-rendered as Markdown once the lazily loaded renderer arrives.
      await expect(widget.dialog.locator('[part~="answer"] li').first()).toBeAttached();
      await widget.input.focus();
      await settleAnimations(page);
      const inside = await probe(page, [...frame, ...INSIDE]);
      await widget.tab('Sign in').click();
      await expect(widget.dialog.getByLabel('Email')).toBeVisible();
      const account = await probe(page, ACCOUNT);
      await widget.tab('Chat').click();
      await widget.dialog.getByRole('button', { name: 'Close' }).click();
      await expect(widget.dialog).toBeHidden();
      // Focus went back to the launcher; its focus ring is not what the baseline measured.
      await page.evaluate(() =>
        (document.querySelector('textbook-assistant')!.shadowRoot!.activeElement as HTMLElement).blur(),
      );

      await page.addStyleTag({ content: HOSTILE });
      // The rules do reach the host's own text, so the comparison below can tell a leak apart.
      const passage = page.locator('#passage');
      expect(
        await passage.evaluate((el) => [
          getComputedStyle(el).letterSpacing,
          getComputedStyle(el).textTransform,
        ]),
      ).toEqual(['6px', 'uppercase']);

      // The launcher keeps its box and every text property, is visible and still takes a click.
      await settleAnimations(page);
      expect(await probe(page, ['.launcher', '.launcher-label'])).toEqual(launcher);
      await expect(widget.launcher).toBeVisible();
      await widget.launcher.click();
      await expect(widget.dialog).toBeVisible();
      await widget.input.focus();
      await settleAnimations(page);
      expect(await probe(page, [...frame, ...INSIDE])).toEqual(inside);
      if (layout === 'sidepanel') {
        // The host's text (right-to-left, vertical) still ends where the docked panel begins.
        const panel = (await widget.dialog.boundingBox())!;
        const text = (await passage.boundingBox())!;
        expect(text.x + text.width).toBeLessThanOrEqual(panel.x);
      }
      await widget.tab('Sign in').click();
      await expect(widget.dialog.getByLabel('Email')).toBeVisible();
      expect(await probe(page, ACCOUNT)).toEqual(account);
    });
  }
}

/** Every computed property of every element of the host page (the widget's own element aside). */
function hostStyles(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(() => {
    const out: Record<string, Record<string, string>> = {};
    const elements = [...document.querySelectorAll('html, html *')].filter(
      (el) =>
        !el.closest('textbook-assistant') &&
        !['SCRIPT', 'STYLE', 'HEAD', 'LINK', 'META', 'TITLE'].includes(el.tagName),
    );
    elements.forEach((el, i) => {
      const s = getComputedStyle(el);
      out[`${i} ${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}`] = Object.fromEntries(
        [...s].map((p) => [p, s.getPropertyValue(p)]),
      );
    });
    return out;
  });
}

/** The properties whose values differ between two snapshots, as `element: property`. */
function differences(
  a: Record<string, Record<string, string>>,
  b: Record<string, Record<string, string>>,
): string[] {
  expect(Object.keys(b)).toEqual(Object.keys(a));
  return Object.keys(a).flatMap((el) =>
    Object.keys(a[el]!)
      .filter((p) => a[el]![p] !== b[el]![p])
      .map((p) => `${el}: ${p}`),
  );
}

test('when the widget is on a host page, closed or open in either layout, then it changes no style of the page except the side panel reflow', async ({
  page,
  widget,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // The same page without the widget: its script never arrives.
  await page.route('**/textbook-assistant.iife.js', (route) => route.abort());
  await page.goto('/');
  const without = await hostStyles(page);
  await page.unroute('**/textbook-assistant.iife.js');
  await widget.goto();
  expect(differences(without, await hostStyles(page))).toEqual([]);
  await widget.open();
  await settleAnimations(page);
  expect(differences(without, await hostStyles(page))).toEqual([]);
  await widget.dialog.getByRole('button', { name: 'Close' }).click();
  await page.locator('textbook-assistant').evaluate((el) => el.setAttribute('layout', 'sidepanel'));
  await widget.open();
  // Docked, the page makes room for the panel (the body's right margin, and what follows from a
  // narrower body: its width, centred content's auto margins, origins), and that is all.
  const docked = differences(without, await hostStyles(page));
  expect(docked).toContain('1 body: margin-right');
  const geometry = /: (margin-[a-z-]+|width|inline-size|transform-origin|perspective-origin)$/;
  expect(docked.filter((d) => !geometry.test(d))).toEqual([]);
  await widget.dialog.getByRole('button', { name: 'Close' }).click();
  expect(differences(without, await hostStyles(page))).toEqual([]);
});
