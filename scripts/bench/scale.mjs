// Responsiveness at scale: drops 1,000 synthetic articles (about 5 MB, built deterministically from the demo
// texts by tests/browser/synthetic.mjs) at once into the built app in headless Chromium, as a person would
// (a real DataTransfer), and prints the time to the full comparison (analysis done with the learned name
// model) and the main thread's long tasks (over 50 ms) meanwhile: how many, and the longest. Target: the
// longest under 200 ms. Then it opens each view and prints how long each takes to draw. It builds nothing:
// run `trunk build --release --offline` first. It prints figures
// and asserts nothing.
//
// Usage: node scripts/bench/scale.mjs [--articles N] [--bytes N] [--trace]
//   --articles N   how many articles to drop (default 1000)
//   --bytes N      about how many bytes each holds (default 5000)
//   --trace        also prints, in time order, each long task and each change of the status line and of the
//                  number of drawn sources, so that a long task can be told apart (reading the drop, drawing
//                  the list, reading results, drawing the comparison)

import fs from 'node:fs';
import path from 'node:path';
import {
  distDir, startServer, launch, newPage, openApp, dropFiles, waitForAnalysis, openView, assertNoExternalRequests,
} from '../../tests/browser/harness.mjs';
import { syntheticArticles } from '../../tests/browser/synthetic.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).join(' ').split('--').filter(Boolean).map((a) => a.trim().split(/\s+/)),
);
const count = Number(args.articles ?? 1000);
const trace = 'trace' in args;
const bytes = Number(args.bytes ?? 5000);
if (!fs.existsSync(path.join(distDir, 'index.html'))) {
  console.error(`no built site in ${distDir}: run \`trunk build --release --offline\` first`);
  process.exit(1);
}

const articles = syntheticArticles(count, { bytes });
const total = articles.reduce((n, a) => n + Buffer.byteLength(a.content, 'utf8'), 0);
console.log(`articles: ${count}, ${(total / 1e6).toFixed(2)} MB in all`);

const server = await startServer(distDir);
const browser = await launch();
try {
  const page = await newPage(browser);
  // Long tasks are recorded from the very start of the page, before the app's own code runs.
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    // What the page shows, noted at each change, to place the long tasks among the app's steps.
    window.shown = [];
    let last = '';
    new MutationObserver(() => {
      const status = document.querySelector('#analysis-status');
      const now = `${document.querySelectorAll('#source-list > li').length} sources drawn · ${status?.dataset.state}/${status?.dataset.names} · ${status?.querySelector('span:not(.spinner)')?.textContent}`;
      if (now !== last) window.shown.push({ start: performance.now(), what: (last = now) });
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await openApp(page, server, '/');
  // The model is fetched once the app is up; waiting for it keeps its arrival out of the figures.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('ner.bin')));
  const before = await page.evaluate(() => performance.now());
  const started = Date.now();
  // The harness builds the files inside the page and drops them in one task, which is not the app's work:
  // tasks that start before the drop returns are counted apart.
  await dropFiles(page, '#dropzone', articles);
  const dropped = await page.evaluate(() => performance.now());
  await waitForAnalysis(page, count, { timeout: 30 * 60_000 });
  const seconds = (Date.now() - started) / 1000;
  const tasks = await page.evaluate(() => window.longTasks);
  const during = tasks.filter((t) => t.start >= before);
  const harness = during.filter((t) => t.start < dropped);
  const app = during.filter((t) => t.start >= dropped);
  const longest = (list) => (list.length ? Math.max(...list.map((t) => t.duration)) : 0);
  console.log(`time to the full comparison (names by the model): ${seconds.toFixed(1)} s`);
  console.log(`the app's long tasks after the drop: ${app.length}, longest ${longest(app).toFixed(0)} ms (target: under 200 ms)`);
  console.log(`  the ten longest: ${app.map((t) => t.duration).sort((a, b) => b - a).slice(0, 10).map((d) => d.toFixed(0)).join(', ') || 'none'} ms`);
  console.log(`the harness's drop task (building ${count} File objects in the page): ${harness.length ? `${longest(harness).toFixed(0)} ms` : 'under 50 ms'}`);
  if (trace) {
    const shown = (await page.evaluate(() => window.shown)).filter((e) => e.start >= dropped);
    const lines = [
      ...app.map((t) => ({ start: t.start, what: `long task ${t.duration.toFixed(0)} ms` })),
      ...shown.filter((e, i) => i === 0 || e.what.replace(/Analysing [\d,]+/, '') !== shown[i - 1].what.replace(/Analysing [\d,]+/, '')),
    ].sort((a, b) => a.start - b.start);
    for (const line of lines) console.log(`  ${((line.start - dropped) / 1000).toFixed(2).padStart(7)} s  ${line.what}`);
  }
  // Opening each view over the whole set: the time from the click to the second frame after it, which is when
  // the view has been drawn (the claims and entities grids draw as many rows as about 10,000 cells allow).
  const opened = [];
  for (const view of ['entities', 'figures', 'claims', 'similarity', 'timeline', 'reader']) {
    const t0 = Date.now();
    await openView(page, view);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    opened.push(`${view} ${Date.now() - t0} ms`);
  }
  console.log(`opening each view: ${opened.join(', ')}`);
  assertNoExternalRequests(page, server.origin);
  if (page.errors.length) console.log(`page errors: ${JSON.stringify(page.errors)}`);
} finally {
  await browser.close();
  await server.close();
}
