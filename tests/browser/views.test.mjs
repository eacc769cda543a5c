// The claims, similarity and timeline views: each renders on the demo, each leads back to a sentence in the
// reader, the tabs stay keyboard reachable, wide drawings scroll inside their panel on a phone, and the seed
// articles give a full 5 x 5 heatmap and a claim every source states.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  seedsDir, withApp, openApp, dropFiles, waitForAnalysis, openView, readFiles, assertNoExternalRequests, TIMEOUT,
} from './harness.mjs';

/** Opens the demo and returns the number of articles analysed. */
async function openDemo(page, server) {
  await openApp(page, server, '/?demo');
  return waitForAnalysis(page, 4, { atLeast: true });
}

/** Waits until the reader is open with a focused sentence, and returns the article it shows. */
async function focusedArticle(page) {
  await page.waitForSelector('nav#views button[data-view="reader"][aria-selected="true"]');
  await page.waitForSelector('section#reader .article-text .focused');
  return page.$eval('#article-picker', (el) => el.value);
}

test('claims: one row per claim with a labelled cell per source, and a cell opens its sentence', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('views-claims', async (page, server) => {
    const n = await openDemo(page, server);
    await openView(page, 'claims');
    const rows = await page.$$eval('table#claims-table tr.claim-row', (trs) => trs.map((tr) => ({
      claim: tr.dataset.claim,
      cells: [...tr.querySelectorAll('td.claim-cell')].map((td) => ({ path: td.dataset.path, state: td.dataset.state, text: td.textContent.trim() })),
    })));
    assert.ok(rows.length > 0, 'claims table has no rows');
    for (const row of rows) {
      assert.match(row.claim, /^c\d+$/);
      assert.equal(row.cells.length, n, `claim ${row.claim} has ${row.cells.length} cells for ${n} sources`);
      for (const cell of row.cells) {
        assert.ok(['stated', 'not_mentioned', 'contradicted'].includes(cell.state), JSON.stringify(cell));
        // The state is written out, never colour alone.
        assert.ok(cell.text.includes(cell.state.replace('_', ' ')), `cell text "${cell.text}" does not say "${cell.state}"`);
      }
    }
    // Most widely stated first, as the analysis orders them.
    const stated = rows.map((r) => r.cells.filter((c) => c.state === 'stated').length);
    assert.equal(stated[0], Math.max(...stated), `first row is not the most widely stated: ${stated}`);

    // The contested filter keeps only rows where a source contradicts the claim or reports someone denying it.
    await page.selectOption('#claim-filter', 'contested');
    const contested = await page.$$eval('table#claims-table tr.claim-row', (trs) => trs.map((tr) => tr.querySelectorAll('td.claim-cell[data-state="contradicted"], td.claim-cell .dispute').length));
    assert.ok(contested.length > 0 && contested.every((k) => k > 0), `contested filter kept a row without a contradiction or a denial: ${contested}`);
    await page.selectOption('#claim-filter', 'all');
    await page.waitForFunction((k) => document.querySelectorAll('table#claims-table tr.claim-row').length === k, rows.length);

    const cell = page.locator('table#claims-table td.claim-cell[data-state="stated"]').nth(1);
    const path = await cell.getAttribute('data-path');
    await cell.locator('button').click();
    assert.equal(await focusedArticle(page), path);
    assertNoExternalRequests(page, server.origin);
  });
});

test('similarity: a heatmap cell per pair, and a copy pair or a cell opens the reader', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('views-similarity', async (page, server) => {
    const n = await openDemo(page, server);
    await openView(page, 'similarity');
    const cells = await page.$$eval('svg#similarity-heatmap rect.cell', (rs) => rs.map((r) => ({ a: r.dataset.a, b: r.dataset.b, value: Number(r.dataset.value), title: r.querySelector('title')?.textContent ?? '' })));
    assert.equal(cells.length, n * n);
    for (const c of cells) {
      assert.ok(c.value >= 0 && c.value <= 1, JSON.stringify(c));
      assert.ok(c.title.length > 0, 'a cell without a title');
      const mirror = cells.find((d) => d.a === c.b && d.b === c.a);
      assert.equal(mirror?.value, c.value, 'the heatmap is symmetric');
      if (c.a === c.b) assert.equal(c.value, 1);
    }
    await page.waitForSelector('ul#copy-pairs', { state: 'attached' });
    const copies = await page.locator('ul#copy-pairs li.copy-pair').count();
    let path;
    if (copies > 0) {
      const pair = page.locator('ul#copy-pairs li.copy-pair').first();
      path = await pair.getAttribute('data-a');
      await pair.locator('button.open-a').click();
    } else {
      const cell = page.locator('svg#similarity-heatmap rect.cell[tabindex="0"]').first();
      path = await cell.getAttribute('data-a');
      await cell.click();
    }
    assert.equal(await focusedArticle(page), path);
    assertNoExternalRequests(page, server.origin);
  });
});

// A wire story and its reprint (one sentence added, one changed) beside an independent report.
const WIRE = `Date: 2024-05-02
Title: Bridge closed after barge strike

A barge struck the Kessel Bridge early on Thursday, forcing the city to close it to all traffic. Engineers from the regional roads agency inspected the damaged pier through the morning and said the bridge would stay shut for at least a week. Nobody was hurt, according to the river police, but the barge's cargo of gravel spilled into the channel. Ferries will run every twenty minutes until the bridge reopens, the transport department said.
`;
const REPRINT = `Date: 2024-05-02
Title: Kessel Bridge shut

A barge struck the Kessel Bridge early on Thursday, forcing the city to close it to all traffic. Engineers from the regional roads agency inspected the damaged pier through the morning and said the bridge would stay shut for at least a week. Nobody was hurt, according to the river police, but the barge's cargo of gravel spilled into the channel. Ferries will run every twenty minutes until the bridge reopens, the transport department said. Local shops fear a quiet week.
`;
const OTHER = `Date: 2024-05-03
Title: Commuters face long detours

Drivers faced detours of up to forty minutes on Friday after the Kessel Bridge was closed, and the mayor promised extra ferries.
`;

test('similarity: a reprinted story is listed as a likely copy and opens at the shared passage', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('views-copies', async (page, server) => {
    await openApp(page, server);
    await dropFiles(page, '#dropzone', [
      { name: 'wire.txt', content: WIRE }, { name: 'reprint.txt', content: REPRINT }, { name: 'other.txt', content: OTHER },
    ]);
    await waitForAnalysis(page, 3);
    await openView(page, 'similarity');
    const pairs = await page.$$eval('ul#copy-pairs li.copy-pair', (lis) => lis.map((li) => [li.dataset.a, li.dataset.b, Number(li.dataset.value)]));
    assert.equal(pairs.length, 1, JSON.stringify(pairs));
    assert.deepEqual(pairs[0].slice(0, 2), ['wire.txt', 'reprint.txt']);
    assert.ok(pairs[0][2] >= 0.5);
    await page.click('ul#copy-pairs li.copy-pair button.open-b');
    assert.equal(await focusedArticle(page), 'reprint.txt');
    const sentence = await page.$eval('section#reader .article-text .focused', (el) => el.textContent);
    // The passage shown is one the wire story also has, never the reprint's own added sentence.
    assert.ok(sentence.length > 20 && WIRE.includes(sentence.trim()), `focused sentence is not a shared one: ${sentence}`);
  });
});

test('timeline: report dates and event dates per source, and an event opens its sentence', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('views-timeline', async (page, server) => {
    await openDemo(page, server);
    await openView(page, 'timeline');
    const reports = await page.$$eval('svg#timeline circle.report', (cs) => cs.map((c) => c.dataset.path));
    assert.ok(reports.length >= 4, `only ${reports.length} report markers`);
    const events = await page.$$eval('svg#timeline .event', (es) => es.map((e) => ({ path: e.dataset.path, date: e.dataset.date, title: e.querySelector('title')?.textContent ?? '' })));
    assert.ok(events.length > 0, 'no event dates drawn');
    for (const e of events) {
      assert.match(e.date, /^\d{4}-\d{2}-\d{2}(\/\d{4}-\d{2}-\d{2})?$/);
      assert.ok(e.title.length > 0);
    }
    // The demo mentions 1974 and 1983: hidden by default, shown with the toggle.
    assert.ok(!events.some((e) => e.date.startsWith('1974')), 'far background is shown by default');
    await page.click('#timeline-all');
    await page.waitForSelector('svg#timeline .event[data-date^="1974"]');
    await page.click('#timeline-all');
    await page.waitForFunction(() => !document.querySelector('svg#timeline .event[data-date^="1974"]'));

    const event = page.locator('svg#timeline circle.event').first();
    const path = await event.getAttribute('data-path');
    await event.click();
    assert.equal(await focusedArticle(page), path);
    assertNoExternalRequests(page, server.origin);
  });
});

test('timeline: the list under the chart reads the dates in order, with who names each and their words', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('views-timeline-days', async (page, server) => {
    const n = await openDemo(page, server);
    await openView(page, 'timeline');
    const rows = () => page.$$eval('#timeline-days tr.day-row', (trs) => trs.map((tr) => ({
      date: tr.dataset.date,
      count: Number(tr.querySelector('td.num').textContent),
      mentions: [...tr.querySelectorAll('.day-mentions li')].map((li) => ({
        path: li.querySelector('button').dataset.path,
        words: li.querySelector('.excerpt strong')?.textContent ?? '',
        text: li.querySelector('.excerpt').textContent,
      })),
    })));
    const list = await rows();
    assert.ok(list.length > 3, `only ${list.length} dates listed`);
    const dates = list.map((r) => r.date);
    assert.deepEqual(dates, [...dates].sort(), 'dates are not in order');
    // The night the dam gave way (Sunday 12 October 2025) is named by every source, each in its own words.
    const night = list.find((r) => r.date === '2025-10-12');
    assert.ok(night, `no row for 12 October: ${JSON.stringify(dates)}`);
    assert.equal(night.count, n, `12 October named by ${night.count} of ${n} sources`);
    for (const m of night.mentions) {
      assert.ok(m.words.length > 0 && m.text.includes(m.words), `a mention without its date words: ${JSON.stringify(m)}`);
    }
    // The far background joins the list with the chart's toggle.
    assert.ok(!dates.some((d) => d.startsWith('1974')), 'far background listed by default');
    await page.click('#timeline-all');
    await page.waitForSelector('#timeline-days tr.day-row[data-date^="1974"]');
    // A mention opens its sentence in the reader.
    const button = page.locator('#timeline-days tr.day-row[data-date="2025-10-12"] .day-mentions button').first();
    const path = await button.getAttribute('data-path');
    await button.click();
    assert.equal(await focusedArticle(page), path);
  });
});

test('view tabs: arrows, Home and End reach every view', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('views-keyboard', async (page, server) => {
    await openDemo(page, server);
    const selected = () => page.$eval('nav#views button[aria-selected="true"]', (b) => b.dataset.view);
    const focused = () => page.evaluate(() => document.activeElement?.dataset?.view);
    await page.focus('nav#views button[data-view="reader"]');
    const press = async (key, want) => {
      await page.keyboard.press(key);
      await page.waitForSelector(`nav#views button[data-view="${want}"][aria-selected="true"]`);
      assert.equal(await selected(), want);
      assert.equal(await focused(), want, `focus did not follow ${key}`);
    };
    await press('End', 'timeline');
    await press('ArrowLeft', 'similarity');
    await press('ArrowLeft', 'claims');
    await press('ArrowRight', 'similarity');
    await press('Home', 'reader');
    await press('ArrowLeft', 'timeline');
  });
});

test('phone width: the heatmap and the timeline scroll inside their panels, not the page', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('views-phone', async (page, server) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openDemo(page, server);
    for (const [view, selector] of [['similarity', 'svg#similarity-heatmap'], ['timeline', 'svg#timeline'], ['claims', 'table#claims-table']]) {
      await openView(page, view);
      await page.waitForSelector(selector);
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
      assert.ok(widths.page <= widths.window, `${view}: the page is ${widths.page}px wide in a ${widths.window}px window`);
    }
    // The timeline is wider than a phone, so its panel scrolls.
    await openView(page, 'timeline');
    const scroll = await page.$eval('svg#timeline', (svg) => {
      const box = svg.closest('.chart-scroll');
      return { scroll: box.scrollWidth, client: box.clientWidth };
    });
    assert.ok(scroll.scroll > scroll.client, `timeline panel does not scroll: ${JSON.stringify(scroll)}`);
  });
});

// The seeds live in ../shared beside the repository; a clone without it cannot run this spec.
const skip = fs.existsSync(seedsDir) ? false : `seed articles not found at ${seedsDir} (set CORROBORATE_SEEDS)`;

test('seed articles: a 5 x 5 heatmap and a claim every source states', { skip, timeout: 4 * TIMEOUT }, async (t) => {
  const files = await readFiles(seedsDir, (n) => n.endsWith('.txt'));
  assert.equal(files.length, 5, `expected five seed files in ${seedsDir}`);
  await withApp('views-seeds', async (page, server) => {
    await openApp(page, server);
    await dropFiles(page, '#dropzone', files);
    await waitForAnalysis(page, 5);

    await t.test('the heatmap has a cell for each of the 25 pairs', async () => {
      await openView(page, 'similarity');
      assert.equal(await page.locator('svg#similarity-heatmap rect.cell').count(), 25);
    });

    // The prior US warning is told five different ways in the five seeds; the aligner joins it into one row.
    await t.test('a claim is stated by all five sources', async () => {
      await openView(page, 'claims');
      const full = await page.$$eval('table#claims-table tr.claim-row', (trs) => trs.filter((tr) => {
        const cells = [...tr.querySelectorAll('td.claim-cell')];
        return cells.length === 5 && cells.every((td) => td.dataset.state === 'stated');
      }).length);
      assert.ok(full >= 1, 'no claim row where all five sources state the claim');
    });
    assertNoExternalRequests(page, server.origin);
  });
});
