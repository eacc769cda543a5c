// Content-Security-Policy: a full session (the demo, every view, a click through to the reader)
// runs without a single policy violation, and no request from the page or its service worker
// leaves the origin.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp, openApp, waitForAnalysis, openView, waitForServiceWorker, TIMEOUT } from './harness.mjs';

// Runs in the page before any of its scripts, so it sees violations from the very first one.
function recordViolations() {
  window.__cspViolations = [];
  window.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
  }, true);
}

test('a full session breaks no CSP rule and stays on the origin', { timeout: 4 * TIMEOUT }, async () => {
  await withApp('csp', async (page, server) => {
    // The context sees the service worker's requests too, not only the page's.
    const requests = [];
    page.context().on('request', (req) => requests.push(req.url()));
    await page.addInitScript(recordViolations);

    await openApp(page, server, '/');
    const policy = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+;/, `policy without the loader's hash: ${policy}`);
    assert.match(policy, /style-src 'self';/);
    await waitForServiceWorker(page);

    await page.click('button#load-demo');
    await waitForAnalysis(page, 4, { atLeast: true });

    // Every view there is, whatever their number, then a coverage cell back into the reader.
    const views = await page.$$eval('nav#views button[role=tab]', (tabs) => tabs.map((t) => t.dataset.view));
    assert.ok(views.length >= 3, `only ${views.length} view tabs`);
    for (const view of views) await openView(page, view);
    await openView(page, 'entities');
    await page.click('table#entities-table td.coverage[data-count]:not([data-count="0"])');
    await page.waitForSelector('section#reader .focused', { timeout: TIMEOUT });

    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
    assert.deepEqual(page.errors, [], 'console errors');
    const external = requests.filter((u) => !(u.startsWith(server.origin + '/') || u.startsWith('data:') || u.startsWith('blob:')));
    assert.deepEqual(external, [], 'requests left the origin');

    // The control: an injected inline script is refused and seen, so silence above means something.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true;';
      document.head.append(s);
    });
    await page.waitForFunction(() => window.__cspViolations.length > 0, null, { timeout: TIMEOUT });
    assert.equal(await page.evaluate(() => window.__injected), undefined, 'an injected inline script ran');
  });
});
