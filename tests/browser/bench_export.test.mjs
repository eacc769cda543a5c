// The benchmark export that scripts/bench-browser calls: window.wasmBindings.bench_extract runs the
// app's per-article extraction over an array of texts and reports what it found. Counts only, no timing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { withApp, openApp, assertNoExternalRequests, repoRoot, TIMEOUT } from './harness.mjs';

// The demo's plain-text and Markdown articles, read as a person would paste them.
async function demoTexts() {
  const dir = path.join(repoRoot, 'src', 'demo');
  const names = (await fsp.readdir(dir)).filter((n) => /^\d.*\.(txt|md)$/.test(n)).sort();
  return Promise.all(names.map((n) => fsp.readFile(path.join(dir, n), 'utf8')));
}

// The sentence of the engine's own doc example: one figure (93 killed) and one date (the Friday before).
const ONE = 'Date: 2024-03-23\n\nAt least 93 people were killed on Friday.';

test('bench_extract is exported and counts names, dates and figures in the demo texts', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('bench-export', async (page, server) => {
    await openApp(page, server, '/');
    await page.waitForFunction(() => typeof window.wasmBindings?.bench_extract === 'function', null, { timeout: TIMEOUT })
      .catch((err) => { throw new Error('window.wasmBindings.bench_extract is not a function: this build does not export it (src/bin/web.rs)', { cause: err }); });
    const texts = await demoTexts();
    assert.ok(texts.length >= 3, `expected at least 3 demo text articles, found ${texts.length}`);

    const run = (list) => page.evaluate((t) => JSON.parse(window.wasmBindings.bench_extract(t)), list);
    const demo = await run(texts);
    assert.equal(demo.articles, texts.length);
    assert.equal(demo.bytes, texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0), 'bytes are the UTF-8 length of the texts');
    assert.ok(Number.isFinite(demo.seconds) && demo.seconds >= 0, `seconds is ${demo.seconds}`);
    // Each demo article names people and places, dates the event and reports casualty figures.
    assert.ok(demo.names >= 10 * texts.length, `only ${demo.names} names in ${texts.length} demo articles`);
    assert.ok(demo.dates >= texts.length, `only ${demo.dates} dates in ${texts.length} demo articles`);
    assert.ok(demo.figures >= 2 * texts.length, `only ${demo.figures} figures in ${texts.length} demo articles`);

    // Extraction is per article, so the same texts twice find exactly twice as much.
    const twice = await run([...texts, ...texts]);
    for (const key of ['articles', 'bytes', 'names', 'dates', 'figures']) {
      assert.equal(twice[key], 2 * demo[key], `${key} of the texts twice`);
    }

    // A known sentence gives exact counts; values that are not strings are skipped, not fatal.
    const one = await page.evaluate((t) => JSON.parse(window.wasmBindings.bench_extract([t, 42, null])), ONE);
    assert.deepEqual({ articles: one.articles, dates: one.dates, figures: one.figures }, { articles: 1, dates: 1, figures: 1 });

    // The page never called the export itself: nothing was analysed or rendered from these texts.
    assert.equal(await page.$eval('#analysis-status', (el) => el.dataset.state), 'idle');
    assertNoExternalRequests(page, server.origin);
    assert.deepEqual(page.errors, []);
  });
});
