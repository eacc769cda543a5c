// Sub-path hosting: the same dist/ served from /tools/corroborate/ renders, analyses the demo and
// registers its service worker for that folder, without a single request outside it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp, openApp, waitForServiceWorker, waitForAnalysis, TIMEOUT } from './harness.mjs';

const PREFIX = '/tools/corroborate';

test('dist/ works when served from a sub-path', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('subpath', async (page, server) => {
    // Any request that resolves outside the folder gets a 404 from the server; record them all.
    const failed = [];
    page.on('response', (res) => { if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`); });

    await openApp(page, server, '/?demo');
    const n = await waitForAnalysis(page, 4, { atLeast: true });
    assert.ok(n >= 4, `demo analysed ${n} articles under ${PREFIX}/`);

    const scope = await waitForServiceWorker(page);
    assert.equal(scope, `${server.origin}${PREFIX}/`);

    const manifest = await page.$eval('link[rel="manifest"]', (l) => l.href);
    assert.equal(manifest, `${server.origin}${PREFIX}/manifest.webmanifest`);

    const outside = page.requests.filter((u) => !u.startsWith(`${server.origin}${PREFIX}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(outside, [], `requests outside ${PREFIX}/`);
    assert.deepEqual(failed, [], 'failed requests');
    assert.deepEqual(page.errors, [], 'page errors');
  }, { prefix: PREFIX });
});
