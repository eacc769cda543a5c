// Nothing lost, and sharing without a server: the workspace survives a reload (IndexedDB), the old
// localStorage save is migrated once, an exported workspace imports back to the same sources, a share
// link opens in a new page, and a hostile import is refused with a message and runs nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import {
  withApp, openApp, dropFiles, waitForAnalysis, openView, assertNoExternalRequests, TIMEOUT,
} from './harness.mjs';

const A = `Date: 2024-03-23
Title: Tram derails in Lyon

Police in Lyon said at least 12 people were injured on Friday when a tram left the rails near Perrache station.
`;
const B = `Date: 2024-03-24
Title: Lyon tram derailment: 14 hurt

At least 14 people were injured when a tram derailed in Lyon, France, the operator TCL said on Saturday.
`;

const sources = (page) => page.$$eval('ul#source-list > li.source', (lis) => lis.map((li) => ({
  path: li.dataset.path,
  status: li.dataset.status,
  name: li.querySelector('.source-name')?.value ?? null,
  date: li.querySelector('.source-date')?.value ?? null,
})));

// The saved JSON in IndexedDB (database `corroborate`, store `workspace`, key `current`), or null.
const savedJson = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('corroborate');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('workspace')) { db.close(); resolve(null); return; }
    const get = db.transaction('workspace').objectStore('workspace').get('current');
    get.onsuccess = () => { db.close(); resolve(get.result ?? null); };
    get.onerror = () => { db.close(); reject(get.error); };
  };
}));

// Waits until the saved workspace satisfies `check` (a function of the parsed JSON, run in Node).
async function waitForSave(page, check) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const json = await savedJson(page);
    if (json && check(JSON.parse(json))) return JSON.parse(json);
    if (Date.now() > deadline) throw new Error(`the workspace was not saved as expected: ${json}`);
    // Polling IndexedDB is the only way to see a save land; each round trip is itself the wait.
    await page.waitForFunction(() => true);
  }
}

async function openMenu(page) {
  if (!(await page.$eval('details#export-menu', (d) => d.open))) await page.click('details#export-menu > summary');
}

async function removeAll(page) {
  while ((await page.$$('li.source button.source-remove')).length > 0) {
    const n = (await page.$$('li.source')).length;
    await page.click('li.source button.source-remove');
    await page.waitForFunction((n) => document.querySelectorAll('li.source').length < n, n);
  }
}

test('sources, outlet names and dates survive a reload', { timeout: 4 * TIMEOUT }, async () => {
  await withApp('persist-reload', async (page, server) => {
    await openApp(page, server);
    await dropFiles(page, '#dropzone', [{ name: 'a.txt', content: A }, { name: 'b.txt', content: B }]);
    await waitForAnalysis(page, 2, { names: null });
    await page.fill('li.source[data-path="a.txt"] .source-name', 'Le Progrès');
    await page.press('li.source[data-path="a.txt"] .source-name', 'Enter');
    await page.fill('li.source[data-path="b.txt"] .source-date', '2024-03-25');
    await page.dispatchEvent('li.source[data-path="b.txt"] .source-date', 'change');
    const saved = await waitForSave(page, (w) => w.sources.some((s) => s.article?.source === 'Le Progrès')
      && w.sources.some((s) => s.article?.date === '2024-03-25'));
    assert.equal(saved.version, 3);
    assert.equal(saved.format, 'corroborate.workspace');
    const before = await sources(page);

    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('.app[data-ready="true"]');
    await waitForAnalysis(page, 2, { names: null });
    assert.deepEqual(await sources(page), before);
    assert.equal((await sources(page))[0].name, 'Le Progrès');
    assert.equal((await sources(page))[1].date, '2024-03-25');
    assertNoExternalRequests(page, server.origin);
  });
});

test('the localStorage save of version 1 is migrated once, then removed', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('persist-migrate', async (page, server) => {
    await openApp(page, server);
    const v1 = JSON.stringify({ version: 1, sources: [{ status: 'error', path: 'old.pdf', message: 'Could not read this file.' }] });
    await page.evaluate((v1) => localStorage.setItem('corroborate.workspace.v1', v1), v1);
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('li.source[data-path="old.pdf"][data-status="error"]');
    await page.waitForFunction(() => localStorage.getItem('corroborate.workspace.v1') === null);
    const saved = JSON.parse(await savedJson(page));
    assert.equal(saved.version, 3);
    assert.deepEqual(saved.sources.map((s) => s.path), ['old.pdf']);
  });
});

test('an exported workspace imports back to the same sources', { timeout: 4 * TIMEOUT }, async () => {
  await withApp('persist-export', async (page, server) => {
    await openApp(page, server);
    await dropFiles(page, '#dropzone', [{ name: 'a.txt', content: A }, { name: 'b.txt', content: B }]);
    await waitForAnalysis(page, 2, { names: null });
    const before = await sources(page);

    await openMenu(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button#export-json')]);
    assert.equal(download.suggestedFilename(), 'corroborate-workspace.json');
    const json = await fsp.readFile(await download.path(), 'utf8');
    const exported = JSON.parse(json);
    assert.equal(exported.format, 'corroborate.workspace');
    assert.equal(exported.version, 3);
    assert.ok(exported.analysis?.comparison, 'the export holds the analysis');

    // The other exports download too: a report without scripts, and CSV tables.
    const [report] = await Promise.all([page.waitForEvent('download'), page.click('button#export-report')]);
    const html = await fsp.readFile(await report.path(), 'utf8');
    assert.match(html, /<h2>Figure slots<\/h2>/);
    assert.doesNotMatch(html, /<script/i);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('button#export-csv-entities')]);
    assert.match(await fsp.readFile(await csv.path(), 'utf8'), /^id,name,label,aliases,/);

    // The figure chart downloads as a standalone SVG with its styles inlined (through CSSOM, which the CSP allows).
    await openView(page, 'figures');
    await page.waitForSelector('svg#figure-chart');
    await openMenu(page);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('button#export-chart-svg')]);
    const svgText = await fsp.readFile(await svg.path(), 'utf8');
    assert.match(svgText, /^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svgText, /style="[^"]*fill:/);
    assert.deepEqual(page.errors, [], 'no CSP violation or error while exporting');

    await removeAll(page);
    await dropFiles(page, '#dropzone', [{ name: 'corroborate-workspace.json', content: json, type: 'application/json' }]);
    await waitForAnalysis(page, 2, { names: null });
    assert.deepEqual(await sources(page), before);
    assertNoExternalRequests(page, server.origin);
  });
});

test('a share link opens its sources in a new page and clears the fragment', { timeout: 4 * TIMEOUT }, async () => {
  await withApp('persist-share', async (page, server) => {
    await openApp(page, server);
    await dropFiles(page, '#dropzone', [{ name: 'a.txt', content: A }, { name: 'b.txt', content: B }]);
    await waitForAnalysis(page, 2, { names: null });
    const before = await sources(page);
    await openMenu(page);
    await page.click('button#share-link');
    const link = await page.inputValue('input#share-url');
    assert.match(link, /#w=[A-Za-z0-9_-]+$/);
    assert.ok(link.length < 32 * 1024);
    // The workspace of this browser is emptied, so the new page's sources can only come from the link.
    await removeAll(page);
    await waitForSave(page, (w) => w.sources.length === 0);

    const other = await page.context().newPage();
    other.on('pageerror', (err) => page.errors.push(`pageerror: ${err.message}`));
    await other.goto(link, { waitUntil: 'load' });
    await waitForAnalysis(other, 2, { names: null });
    assert.deepEqual(await sources(other), before);
    await other.waitForFunction(() => location.hash === '');
    assert.deepEqual(page.errors, []);
  });
});

test('a hostile import shows a message, keeps everything else and runs nothing', { timeout: 4 * TIMEOUT }, async () => {
  await withApp('persist-hostile', async (page, server) => {
    await openApp(page, server);
    await page.evaluate(() => { window.__ran = 0; });
    await dropFiles(page, '#dropzone', [{ name: 'a.txt', content: A }]);
    await waitForAnalysis(page, 1, { names: null });

    const article = (title, body) => ({
      status: 'ok',
      article: { path: 'evil.txt', source: '<img src=x onerror="window.__ran=1">', title, byline: null, date: null, url: null, text: 'Text.', body, warnings: [] },
    });
    const wrongTypes = { format: 'corroborate.workspace', version: 2, sources: [{ status: 'ok', article: { path: 7, title: ['<script>window.__ran=1</script>'] } }] };
    const hugeNumbers = { format: 'corroborate.workspace', version: 2, sources: [article('<script>window.__ran=1</script>', { start: 0, end: 1e300 })] };
    const outside = { format: 'corroborate.workspace', version: 2, sources: [article('<script>window.__ran=1</script>', { start: 0, end: 99999 })] };
    for (const [name, doc] of [['wrong.json', wrongTypes], ['huge.json', hugeNumbers], ['outside.json', outside]]) {
      await dropFiles(page, '#dropzone', [{ name, content: JSON.stringify(doc), type: 'application/json' }]);
      await page.waitForFunction((name) => [...document.querySelectorAll('.notice')].some((n) => n.textContent.includes(`${name} could not be imported`)), name);
    }
    assert.deepEqual((await sources(page)).map((s) => s.path), ['a.txt']);

    // Well-formed but hostile text is imported as text: shown, never parsed as markup.
    const wellFormed = { format: 'corroborate.workspace', version: 2, sources: [article('<script>window.__ran=1</script>', { start: 0, end: 5 })] };
    await dropFiles(page, '#dropzone', [{ name: 'text.json', content: JSON.stringify(wellFormed), type: 'application/json' }]);
    await waitForAnalysis(page, 2, { names: null });
    assert.equal(await page.textContent('li.source[data-path="evil.txt"] .source-title'), '<script>window.__ran=1</script>');
    assert.equal(await page.$$eval('#sources script, #sources img', (els) => els.length), 0);
    assert.equal(await page.evaluate(() => window.__ran), 0);

    // A damaged share link is refused the same way.
    await page.goto(server.url('/?damaged#w=AAAA'), { waitUntil: 'load' });
    await page.waitForFunction(() => [...document.querySelectorAll('.notice')].some((n) => n.textContent.includes('share link could not be opened')));
    await waitForAnalysis(page, 2, { names: null });
    assert.deepEqual(page.errors, []);
    assertNoExternalRequests(page, server.origin);
  });
});
