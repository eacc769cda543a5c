// Nothing lost on a crash: a tab that dies in the middle of a large analysis (its renderer crashed, the
// analysis worker with it) gives every source back, analysed, when the app is opened again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  withApp, newPage, openApp, dropFiles, waitForAnalysis, assertNoExternalRequests, TIMEOUT,
} from './harness.mjs';
import { syntheticArticles } from './synthetic.mjs';

test('a tab that crashes mid-analysis gets every source back, analysed', { timeout: 4 * TIMEOUT }, async () => {
  await withApp('crash-mid-analysis', async (page, server) => {
    await openApp(page, server, '/');
    const articles = syntheticArticles(250, { seed: 3 });
    await dropFiles(page, '#dropzone', articles);
    // The worker is extracting: the sources were saved before it started, and nothing has finished yet.
    await page.waitForFunction(() => {
      const bar = document.querySelector('#analysis-progress');
      return bar && Number(bar.getAttribute('value')) > 0 && Number(bar.getAttribute('value')) < 250;
    });
    assert.equal(await page.$eval('#analysis-status', (el) => el.dataset.state), 'running');
    // A renderer crash, as an out-of-memory kill would do: no unload handler, no last save.
    const crashed = page.waitForEvent('crash');
    const cdp = await page.context().newCDPSession(page);
    // The command never answers (its page is gone), so only the crash is awaited.
    cdp.send('Page.crash').catch(() => {});
    await crashed;

    const again = await newPage(page.context());
    await openApp(again, server, '/');
    await waitForAnalysis(again, 250, { timeout: 3 * TIMEOUT });
    const list = await again.$eval('ul#source-list', (ul) => ({
      total: Number(ul.dataset.sources),
      shown: [...ul.querySelectorAll(':scope > li.source')].map((li) => [li.dataset.path, li.dataset.status]),
    }));
    assert.equal(list.total, 250);
    assert.deepEqual(list.shown, articles.slice(0, 100).map((a) => [a.name, 'ok']), 'the first page of sources, in order');
    // The last page holds the last sources: nothing was lost at the end of the drop either.
    while (await again.$('button#sources-next:not([disabled])')) {
      const first = await again.$eval('ul#source-list', (ul) => ul.dataset.first);
      await again.click('button#sources-next');
      await again.waitForFunction((first) => document.querySelector('ul#source-list').dataset.first !== first, first);
    }
    const last = await again.$$eval('ul#source-list > li.source', (lis) => lis.map((li) => li.dataset.path));
    assert.deepEqual(last, articles.slice(200).map((a) => a.name));
    assert.deepEqual(again.errors, []);
    assertNoExternalRequests(again, server.origin);
  });
});
