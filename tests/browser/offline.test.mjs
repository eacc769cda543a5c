// Offline: once the service worker has cached the build, the app opens and analyses with no
// network at all, neither the browser's nor the server's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp, openApp, waitForServiceWorker, waitForAnalysis, TIMEOUT } from './harness.mjs';

test('the app reloads and analyses the demo offline', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('offline', async (page, server) => {
    await openApp(page, server, '/');
    await waitForServiceWorker(page);

    // Both halves of "offline": the browser reports no network, and the server is gone, so even
    // a request that slipped past the offline flag would be refused.
    await page.context().setOffline(true);
    await server.close();

    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('.app[data-ready="true"]', { timeout: TIMEOUT });
    assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'the reloaded page is not served by the service worker');

    await page.click('button#load-demo');
    const n = await waitForAnalysis(page, 4, { atLeast: true });
    assert.ok(n >= 4, `demo analysed ${n} articles offline`);
    assert.deepEqual(page.errors, [], 'errors while offline');
  });
});
