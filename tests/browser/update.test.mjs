// Updates: when a new build replaces the files on the server, its service worker takes over from
// the old one on the next visit, deletes the old build's cache, and the page after that is new.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { distDir, startServer, launch, newPage, openApp, waitForServiceWorker, TIMEOUT } from './harness.mjs';

// A second "build": the same files with a changed page title and cache version, as a rebuild
// after an edit would have (the post-build hook changes the version whenever any file changes).
async function makeBuilds() {
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'corroborate-update-'));
  const a = path.join(tmp, 'a');
  const b = path.join(tmp, 'b');
  await fsp.cp(distDir, a, { recursive: true });
  await fsp.cp(distDir, b, { recursive: true });
  const index = path.join(b, 'index.html');
  await fsp.writeFile(index, (await fsp.readFile(index, 'utf8')).replace('<title>', '<title>(build b) '));
  const sw = path.join(b, 'sw.js');
  const worker = await fsp.readFile(sw, 'utf8');
  const version = /const VERSION = '([0-9a-f]+)';/.exec(worker)?.[1];
  assert.ok(version, 'sw.js in dist/ has no filled-in VERSION: was it built by trunk with the post-build hook?');
  await fsp.writeFile(sw, worker.replace(`'${version}'`, `'${version}b'`));
  const live = path.join(tmp, 'live');
  await fsp.symlink(a, live);
  return { tmp, live, b, versionB: `${version}b` };
}

test('a new build\'s worker replaces the old one and its cache', { timeout: 3 * TIMEOUT }, async () => {
  const { tmp, live, b, versionB } = await makeBuilds();
  const server = await startServer(live);
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await openApp(page, server, '/');
    await waitForServiceWorker(page);
    const before = await page.evaluate(() => caches.keys());
    assert.equal(before.length, 1, `caches after the first visit: ${before}`);

    // Deploy build b in place, then visit again: the browser checks sw.js on navigation.
    await fsp.rm(live);
    await fsp.symlink(b, live);
    await page.reload({ waitUntil: 'load' });
    // The browser checks sw.js for an update soon after a navigation. The predicate must answer
    // synchronously (a promise would count as true), so it reads the cache names the previous
    // poll stored and starts the next read.
    await page.waitForFunction((v) => {
      caches.keys().then((keys) => { window.__cacheNames = keys; });
      const keys = window.__cacheNames || [];
      return keys.length === 1 && keys[0].endsWith(`:${v}`);
    }, versionB, { timeout: TIMEOUT, polling: 100 });

    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('.app[data-ready="true"]', { timeout: TIMEOUT });
    assert.match(await page.title(), /^\(build b\)/);
    assert.deepEqual(page.errors, [], 'page errors');
  } finally {
    await browser.close();
    await server.close();
    await fsp.rm(tmp, { recursive: true, force: true });
  }
});
