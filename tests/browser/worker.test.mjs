// Large drops are analysed in a web worker: the status line shows progress, the name model is fetched once (by the
// page, which hands its bytes to the worker), and a running analysis can be cancelled.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  withApp, openApp, dropFiles, waitForAnalysis, openView, entityRows, assertNoExternalRequests, TIMEOUT,
} from './harness.mjs';
import { syntheticArticles } from './synthetic.mjs';

// Records every value that progress#analysis-progress shows, however briefly, into window.progressSeen, and every
// text of the status line into window.statusSeen.
async function recordProgress(page) {
  await page.evaluate(() => {
    window.progressSeen = [];
    window.statusSeen = [];
    const note = () => {
      const bar = document.querySelector('#analysis-progress');
      if (bar) window.progressSeen.push([Number(bar.getAttribute('value')), Number(bar.getAttribute('max'))]);
      const text = document.querySelector('#analysis-status')?.textContent;
      if (text && text !== window.statusSeen.at(-1)) window.statusSeen.push(text);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['value', 'max'] });
  });
}

test('a drop of 60 articles shows advancing progress, then the comparison', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('worker-progress', async (page, server) => {
    await openApp(page, server, '/');
    await recordProgress(page);
    await dropFiles(page, '#dropzone', syntheticArticles(60));
    await waitForAnalysis(page, 60);
    const seen = await page.evaluate(() => window.progressSeen);
    assert.ok(seen.length > 0, 'the progress bar never appeared');
    assert.ok(seen.every(([, max]) => max === 60), `progress max is not 60: ${JSON.stringify(seen)}`);
    const values = seen.map(([value]) => value);
    assert.ok(values.every((v, i) => i === 0 || v >= values[i - 1]), `progress went back: ${values}`);
    assert.ok(Math.max(...values) > Math.min(...values), `progress did not advance: ${values}`);
    assert.equal(await page.$('#analysis-progress'), null, 'the progress bar stays after the analysis');
    // The comparison says which of its stages runs, so a long one is seen moving.
    const stages = (await page.evaluate(() => window.statusSeen)).filter((t) => /Comparing 60 articles: .+ \(\d of 4\)…/.test(t));
    assert.ok(stages.length > 0, `no stage of the comparison was shown: ${JSON.stringify(await page.evaluate(() => window.statusSeen))}`);
    await openView(page, 'entities');
    assert.ok((await entityRows(page)).length > 0, 'entities table has no rows');
    // The page fetches the name model once and hands its bytes to the worker, which never fetches it.
    const modelFetches = page.requests.filter((u) => new URL(u).pathname.endsWith('/ner.bin'));
    assert.equal(modelFetches.length, 1, `ner.bin fetched ${modelFetches.length} times`);
    assertNoExternalRequests(page, server.origin);
  });
});

test('cancel stops a large analysis and keeps the last one on screen', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('worker-cancel', async (page, server) => {
    await openApp(page, server, '/');
    const articles = syntheticArticles(403, { seed: 2 });
    await dropFiles(page, '#dropzone', articles.slice(0, 3));
    await waitForAnalysis(page, 3);
    await dropFiles(page, '#dropzone', articles.slice(3));
    await page.waitForSelector('#analysis-progress');
    await page.click('#analysis-cancel');
    await page.waitForSelector('.notice >> text=Analysis cancelled');
    const status = await page.$eval('#analysis-status', (el) => ({ state: el.dataset.state, articles: el.dataset.articles }));
    assert.deepEqual(status, { state: 'done', articles: '3' });
    assert.equal(await page.$('#analysis-cancel'), null, 'the cancel button stays after cancelling');
    await openView(page, 'entities');
    assert.ok((await entityRows(page)).length > 0, 'entities table has no rows after cancelling');
    assertNoExternalRequests(page, server.origin);
  });
});
