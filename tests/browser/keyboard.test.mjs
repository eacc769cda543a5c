// Keyboard: on the demo, every key control is reached with Tab alone (no mouse, no programmatic
// focus), shows a visible focus indicator, and does its job with Enter or Space; the skip link
// leads past the sources panel to the views.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp, openApp, waitForAnalysis, TIMEOUT } from './harness.mjs';

/** The most Tab presses a control may take to reach; the reader's highlights make views long. */
const MAX_TABS = 600;

/**
 * Presses Tab until the focused element matches `selector` and returns how many presses it took;
 * fails when the selector is never reached, which means the control is not in the tab order.
 */
async function tabTo(page, selector) {
  for (let i = 1; i <= MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  assert.fail(`${selector} was not reached in ${MAX_TABS} Tab presses (focus ended on ${at})`);
}

/** Asserts that the focused element draws a focus indicator: an outline, or a thicker stroke for SVG marks. */
async function assertVisibleFocus(page, what) {
  const style = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { outline: s.outlineStyle, width: parseFloat(s.outlineWidth), stroke: parseFloat(s.strokeWidth) || 0, tag: document.activeElement.tagName };
  });
  const outlined = style.outline !== 'none' && style.width >= 2;
  const stroked = ['circle', 'rect'].includes(style.tag) && style.stroke >= 2.5;
  assert.ok(outlined || stroked, `${what} has no visible focus: ${JSON.stringify(style)}`);
}

/**
 * Moves to a view: the skip link (focused directly, since Chromium resumes Tab from wherever the
 * last activation left off; the spec checks separately that it is the first Tab stop), Enter on
 * it, then arrow keys along the tabs.
 */
async function keyboardView(page, view) {
  await page.focus('a#skip-to-views');
  await page.keyboard.press('Enter');
  assert.ok(await page.evaluate(() => document.activeElement?.matches('nav#views [role=tab]')), 'the skip link lands on the view tabs');
  for (let i = 0; i < 8; i++) {
    if (await page.evaluate((v) => document.activeElement?.dataset.view === v, view)) break;
    await page.keyboard.press('ArrowRight');
  }
  await page.waitForSelector(`nav#views [role=tab][data-view="${view}"][aria-selected="true"]`);
}

/** Waits until the reader is shown with a focused sentence, as every link back to a sentence does. */
async function readerOpened(page, what) {
  await page.waitForSelector('nav#views [data-view="reader"][aria-selected="true"]', { timeout: TIMEOUT }).catch(() => assert.fail(`${what}: the reader did not open`));
  await page.waitForSelector('section#reader .article-text .focused', { timeout: TIMEOUT });
}

test('keyboard: every key control is reachable with Tab, visibly focused, and works with Enter or Space', { timeout: 6 * TIMEOUT }, async () => {
  await withApp('keyboard', async (page, server) => {
    await openApp(page, server, '/?demo');
    await waitForAnalysis(page, 4, { atLeast: true });

    // The skip link is the first Tab stop of the page and leads to the view tabs.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'skip-to-views', 'the first Tab stop is the skip link');
    await assertVisibleFocus(page, 'the skip link');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-selected')), 'true', 'the skip link lands on the selected view tab');

    // The sources panel: every control in the tab order.
    await page.evaluate(() => document.activeElement?.blur());
    for (const [selector, what] of [
      ['#dropzone button', 'the file picker button'],
      ['textarea#paste-text', 'the paste box'],
      ['button#load-demo', 'the demo button'],
      ['li.source input.source-name', 'an outlet name'],
      ['li.source input.source-date', 'a report date'],
      ['li.source button.source-remove', 'a remove button'],
      ['li.source button.source-title', 'a source title'],
    ]) {
      await tabTo(page, selector);
      await assertVisibleFocus(page, what);
    }
    // Renaming with the keyboard: type, Enter commits.
    await page.evaluate(() => document.activeElement?.blur());
    await tabTo(page, 'li.source input.source-name');
    const path = await page.evaluate(() => document.activeElement.closest('li.source').dataset.path);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Keyboard Times');
    await page.keyboard.press('Enter');
    await page.waitForFunction((p) => document.querySelector(`li.source[data-path="${p}"] input.source-name`)?.value === 'Keyboard Times', path);
    // The paste box and its button, with text typed in.
    await tabTo(page, 'textarea#paste-text');
    await page.keyboard.type('Date: 2024-03-23\n\nA short pasted note about the keyboard.');
    const before = await page.locator('ul#source-list > li.source').count();
    await tabTo(page, 'button#paste-add');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('ul#source-list > li.source').length === n + 1, before);
    // Removing it again with Space on its remove button.
    await page.evaluate(() => document.activeElement?.blur());
    await tabTo(page, 'ul#source-list > li.source:last-child button.source-remove');
    await page.keyboard.press(' ');
    await page.waitForFunction((n) => document.querySelectorAll('ul#source-list > li.source').length === n, before);
    await waitForAnalysis(page, before);

    // Tabs: the arrow keys move the selection.
    await keyboardView(page, 'entities');
    await assertVisibleFocus(page, 'a view tab');

    // Entities: a coverage cell opens the reader.
    await tabTo(page, 'select#label-filter');
    await tabTo(page, 'table#entities-table td.coverage button');
    await assertVisibleFocus(page, 'a coverage cell');
    await page.keyboard.press('Enter');
    await readerOpened(page, 'a coverage cell');

    // Reader: a highlight is reached by Tab and opens its item with Enter.
    await page.evaluate(() => document.activeElement?.blur());
    await keyboardView(page, 'reader');
    await tabTo(page, 'section#reader mark.hl');
    await assertVisibleFocus(page, 'a highlight');
    await page.keyboard.press('Enter');
    await page.waitForSelector('section#reader mark.hl.current');

    // Figures: a value in the table and a point on the chart.
    await keyboardView(page, 'figures');
    await tabTo(page, 'table#slots-table .slot-value');
    await assertVisibleFocus(page, 'a slot value');
    await page.keyboard.press('Enter');
    await readerOpened(page, 'a slot value');
    await keyboardView(page, 'figures');
    await tabTo(page, 'svg#figure-chart circle.point');
    await assertVisibleFocus(page, 'a chart point');
    await page.keyboard.press(' ');
    await readerOpened(page, 'a chart point');

    // Claims: the filter, then a stated cell with Space.
    await keyboardView(page, 'claims');
    await tabTo(page, 'select#claim-filter');
    await assertVisibleFocus(page, 'the claims filter');
    await tabTo(page, 'table#claims-table td.claim-cell button');
    await assertVisibleFocus(page, 'a claim cell');
    await page.keyboard.press(' ');
    await readerOpened(page, 'a claim cell');

    // Similarity: a heatmap cell.
    await keyboardView(page, 'similarity');
    await tabTo(page, 'svg#similarity-heatmap rect.cell');
    await assertVisibleFocus(page, 'a heatmap cell');
    await page.keyboard.press('Enter');
    await readerOpened(page, 'a heatmap cell');

    // Timeline: the window toggle with Space, then a date mark with Enter.
    await keyboardView(page, 'timeline');
    await tabTo(page, 'button#timeline-all');
    await assertVisibleFocus(page, 'the timeline toggle');
    const pressed = await page.$eval('button#timeline-all', (b) => b.getAttribute('aria-pressed'));
    await page.keyboard.press(' ');
    await page.waitForFunction((p) => document.querySelector('button#timeline-all')?.getAttribute('aria-pressed') !== p, pressed);
    await tabTo(page, 'svg#timeline .event');
    await assertVisibleFocus(page, 'a timeline mark');
    await page.keyboard.press('Enter');
    await readerOpened(page, 'a timeline mark');
  });
});
