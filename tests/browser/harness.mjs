// Shared helpers for the browser specs: a static server for the built site, Debian's Chromium
// driven by playwright-core, and helpers that speak the DOM contract in README.md.
// Everything waits on page state through Playwright with explicit timeouts; nothing sleeps.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The repository root, two levels above this file. */
export const repoRoot = path.resolve(here, '..', '..');

/** The built site; CORROBORATE_DIST points the specs at another build (or a hand-made fake). */
export const distDir = path.resolve(process.env.CORROBORATE_DIST || path.join(repoRoot, 'dist'));

/** The seed articles live in the shared folder that sits beside the repository. */
export const seedsDir = path.resolve(process.env.CORROBORATE_SEEDS || path.join(repoRoot, '..', 'shared', 'seeds'));

/** Where screenshots and page HTML of failed specs go; target/ is already ignored by git. */
export const artifactsDir = path.join(repoRoot, 'target', 'browser-artifacts');

/** Debian's Chromium; tests never download a browser of their own. */
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

/** One budget for every wait, generous because the machine has two cores and wasm starts cold. */
export const TIMEOUT = Number(process.env.BROWSER_TIMEOUT_MS || 60_000);

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.bin': 'application/octet-stream',
};

/**
 * Serves `root` on 127.0.0.1 at a free port, with index.html for any path that is not a file,
 * as a single-page app host would. With `prefix` (such as '/tools/corroborate') the site lives
 * only under that folder, as on a shared host: the bare prefix redirects to prefix + '/', and
 * anything outside it is a 404. Resolves to { origin, prefix, url(path), close() }, where
 * url('/x') is origin + prefix + '/x'.
 */
export async function startServer(root = distDir, { prefix = '' } = {}) {
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(`no built site at ${root} (index.html missing): run scripts/test, or trunk build --release --offline first`);
  }
  const server = http.createServer(async (req, res) => {
    try {
      let pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (prefix) {
        if (pathname === prefix) {
          res.writeHead(301, { location: prefix + '/' });
          res.end();
          return;
        }
        if (!pathname.startsWith(prefix + '/')) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end(`outside ${prefix}/`);
          return;
        }
        pathname = pathname.slice(prefix.length);
      }
      // Resolving against the root and checking the prefix keeps requests inside the served folder.
      let file = path.resolve(root, '.' + pathname);
      if (!file.startsWith(path.resolve(root))) file = index;
      const stat = await fsp.stat(file).catch(() => null);
      if (!stat || !stat.isFile()) file = stat?.isDirectory() && fs.existsSync(path.join(file, 'index.html')) ? path.join(file, 'index.html') : index;
      const body = await fsp.readFile(file);
      res.writeHead(200, {
        'content-type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    prefix,
    url: (p = '/') => origin + prefix + p,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

/**
 * Starts headless Chromium with the flags this machine needs: no sandbox as root, and no
 * background networking, which the closed network would refuse many times a second.
 * `contextOptions` go to Playwright's context (the benchmark lifts the CSP to inject compromise).
 */
export async function launch(contextOptions = {}) {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} not found: run scripts/setup (it installs Debian's chromium)`);
  }
  const userDataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'corroborate-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    ...contextOptions,
  });
  // Closing the context ends the browser; the profile folder is removed with it.
  const close = context.close.bind(context);
  context.close = async () => {
    await close().catch(() => {});
    await fsp.rm(userDataDir, { recursive: true, force: true });
  };
  return context;
}

/**
 * Opens a page that records every request it makes (page.requests) and every uncaught error
 * and console error (page.errors), so a spec can assert on them at the end.
 */
export async function newPage(browser) {
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.requests = [];
  page.errors = [];
  page.on('request', (req) => page.requests.push(req.url()));
  page.on('pageerror', (err) => page.errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(`console: ${msg.text()}`); });
  return page;
}

/** Fails if any request went anywhere but the local server (data: and blob: URLs stay in the page). */
export function assertNoExternalRequests(page, origin) {
  const external = page.requests.filter((u) => !(u.startsWith(origin + '/') || u === origin || u.startsWith('data:') || u.startsWith('blob:')));
  assert.deepEqual(external, [], `requests left the local origin ${origin}`);
}

/** Opens `pathAndQuery` on the server and waits until the app says it has rendered. */
export async function openApp(page, server, pathAndQuery = '/') {
  await page.goto(server.url(pathAndQuery), { waitUntil: 'load' });
  await page.waitForSelector('.app[data-ready="true"]', { timeout: TIMEOUT });
}

/**
 * Waits until a service worker controls the page (it registers on load and claims open pages
 * once it has cached the build) and returns its registration's scope.
 */
export async function waitForServiceWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: TIMEOUT });
  return page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
}

/**
 * Drops files on the element matching `selector` as a person would: a real DataTransfer holding
 * File objects, with dragenter, dragover and drop dispatched in that order.
 * `files` is a list of { name, content (string, Buffer or Uint8Array), type }.
 */
export async function dropFiles(page, selector, files) {
  // Bytes cross into the page as base64 so binary content (invalid UTF-8, PDFs) arrives unchanged.
  const payload = files.map((f) => ({
    name: f.name,
    type: f.type ?? 'text/plain',
    b64: Buffer.from(typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content).toString('base64'),
  }));
  const target = await page.waitForSelector(selector, { timeout: TIMEOUT });
  await target.evaluate((el, items) => {
    const dt = new DataTransfer();
    for (const { name, type, b64 } of items) {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], name, { type }));
    }
    for (const type of ['dragenter', 'dragover', 'drop']) {
      el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer: dt }));
    }
  }, payload);
}

/**
 * Waits until the analysis is done over `n` articles (or at least `n` with { atLeast: true })
 * and returns the article count the page reports.
 */
// The app analyses once with its rules and again when the learned name model arrives;
// by default a spec waits for the analysis with the model (`names: 'rules'` waits for the first one).
export async function waitForAnalysis(page, n, { atLeast = false, timeout = TIMEOUT, names = 'model' } = {}) {
  try {
    await page.waitForFunction(
      ([want, atLeast, names]) => {
        const el = document.querySelector('#analysis-status');
        if (!el || el.dataset.state !== 'done') return false;
        if (names && el.dataset.names !== names) return false;
        const got = Number(el.dataset.articles);
        return atLeast ? got >= want : got === want;
      },
      [n, atLeast, names],
      { timeout },
    );
  } catch (err) {
    const state = await page.$eval('#analysis-status', (el) => `data-state=${el.dataset.state} data-articles=${el.dataset.articles} data-names=${el.dataset.names}`).catch(() => '#analysis-status missing');
    throw new Error(`analysis of ${atLeast ? 'at least ' : ''}${n} article(s) not done within ${timeout} ms (${state}); page errors: ${JSON.stringify(page.errors)}`, { cause: err });
  }
  return page.$eval('#analysis-status', (el) => Number(el.dataset.articles));
}

/** Clicks a view tab (reader, entities, figures, ...) and waits until it is selected. */
export async function openView(page, view) {
  const tab = `nav#views button[role=tab][data-view="${view}"]`;
  await page.click(tab);
  await page.waitForSelector(`${tab}[aria-selected="true"]`, { timeout: TIMEOUT });
}

/** Reads the entity rows of the entities table as plain objects. */
export function entityRows(page) {
  return page.$$eval('table#entities-table tr.entity-row', (rows) => rows.map((r) => ({
    entity: r.dataset.entity,
    label: r.dataset.label,
    name: r.dataset.name,
    aliases: (r.dataset.aliases || '').split('|').filter(Boolean),
    paths: (r.dataset.paths || '').split('|').filter(Boolean),
    // What the row shows as related entities, as the reader sees it.
    related: r.querySelector('.entity-name .related')?.textContent.trim() ?? '',
  })));
}

/** Reads the figure slots of the figures table as plain objects, values in the order shown. */
export function slotRows(page) {
  return page.$$eval('table#slots-table tr.slot-row', (rows) => rows.map((r) => ({
    slot: r.dataset.slot,
    measure: r.dataset.measure,
    status: r.dataset.status,
    values: [...r.querySelectorAll('.slot-value')].map((v) => ({
      value: Number(v.dataset.value), date: v.dataset.date, path: v.dataset.path, qualifier: v.dataset.qualifier,
    })),
  })));
}

/** Reads the files of a folder as drop-ready { name, content, type } objects, sorted by name. */
export async function readFiles(dir, filter = () => true) {
  const names = (await fsp.readdir(dir)).filter(filter).sort();
  return Promise.all(names.map(async (name) => ({ name, content: await fsp.readFile(path.join(dir, name)), type: 'text/plain' })));
}

/**
 * Runs `fn(page, server)` with a fresh server, browser and page, and tears them down afterwards.
 * On failure it saves a screenshot and the page's HTML under target/browser-artifacts/ and
 * adds the page's errors to the message, since a headless failure is otherwise hard to read.
 * `options` go to startServer (such as { prefix }).
 */
export async function withApp(name, fn, options = {}) {
  const server = await startServer(distDir, options);
  const browser = await launch();
  try {
    const page = await newPage(browser);
    try {
      await fn(page, server);
    } catch (err) {
      await fsp.mkdir(artifactsDir, { recursive: true });
      const base = path.join(artifactsDir, name.replace(/[^a-z0-9]+/gi, '-'));
      await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => {});
      await fsp.writeFile(`${base}.html`, await page.content().catch(() => '')).catch(() => {});
      let note = `\nscreenshot and HTML: ${base}.{png,html}`;
      if (page.errors.length) note += `\npage errors: ${JSON.stringify(page.errors, null, 1)}`;
      // The runner prints the stack, which holds the message as it was when the error was made.
      if (typeof err?.message === 'string') {
        if (typeof err.stack === 'string') err.stack = err.stack.replace(err.message, err.message + note);
        err.message += note;
      }
      throw err;
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
