// Document formats in the browser: every format the core reads (text in legacy encodings and
// UTF-16, Markdown, HTML, PDF, DOCX, e-mail, ZIP archives) dropped as real bytes shows its title,
// outlet and body text; and a hostile corpus dropped with two good files gives each bad file its
// own clear error while the good ones are analysed and the page stays responsive.
// The fixtures are those of the native tests (tests/formats.rs, tests/fixtures/ingest/cases.json).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import path from 'node:path';
import {
  withApp, openApp, dropFiles, waitForAnalysis, openView, assertNoExternalRequests, repoRoot, TIMEOUT,
} from './harness.mjs';

const FORMATS = path.join(repoRoot, 'tests', 'fixtures', 'formats');
const INGEST = path.join(repoRoot, 'tests', 'fixtures', 'ingest');

/** A fixture as a drop-ready file: its real bytes, under its own name. */
async function fixture(dir, name, type = 'application/octet-stream') {
  return { name, content: await fsp.readFile(path.join(dir, name)), type };
}

/**
 * One row per format: the file dropped, then each source it must give (`path`), with the outlet
 * shown in `.source-name` (`outlet`, where the fixture names one), the title, phrases the reader's
 * `.article-text` must show, fragments it must not show, and a warning the source must list.
 * Sources with `error` must be error sources whose message holds every listed key word.
 */
const TABLE = [
  {
    format: 'plain text (UTF-8, CRLF, headers)', dir: INGEST, file: 'headers_crlf.txt',
    sources: [{
      path: 'headers_crlf.txt', outlet: 'The Harbour Gazette', title: 'Ferry runs aground off Kessa Point',
      // The header lines stay in the text (spans are offsets into the file), so only the body is checked.
      phrases: ['A passenger ferry carrying 212 people ran aground off Kessa Point', 'No injuries were reported.'],
    }],
  },
  {
    format: 'Markdown', dir: INGEST, file: 'dam_report.md',
    sources: [{
      path: 'dam_report.md', outlet: 'The Coast Times', title: 'Warnings went unheeded before the Karsk dam failed',
      phrases: ['The National Civil Protection Agency said on Wednesday that 41 people had died.', 'Inspectors flagged seepage in 2023.'],
      excludes: ['**', '](', '<!--'],
    }],
  },
  {
    format: 'HTML', dir: INGEST, file: 'news_page.html',
    sources: [{
      path: 'news_page.html', outlet: 'The Ridge Herald', title: 'Six rescued from collapsed mine',
      phrases: ['Six miners trapped for two days', '“They are exhausted but well,”'],
      excludes: ['Advertisement', 'Subscribe', '<p'],
    }],
  },
  {
    format: 'PDF (WinAnsi font, TJ kerning)', dir: FORMATS, file: 'landslide.pdf',
    sources: [{
      path: 'landslide.pdf', title: 'Korvo landslide',
      phrases: ['Rescue teams recovered 11 bodies after a landslide buried a mountain road near Korvo on Sunday', 'Cafés in the valley opened as shelters.'],
      excludes: ['Tj', 'BT'],
    }],
  },
  {
    format: 'PDF (composite font with ToUnicode, two pages)', dir: FORMATS, file: 'cid.pdf',
    sources: [{ path: 'cid.pdf', phrases: ['The bridge was shut at dawn', 'Then traffic resumed'] }],
  },
  {
    format: 'DOCX', dir: FORMATS, file: 'flood.docx',
    sources: [{
      path: 'flood.docx', title: 'Valdora flood: bridges closed',
      phrases: ['River levels in Valdora rose by 2.4 metres overnight, officials said on Tuesday.', "shelters & schools, the mayor's office said."],
      excludes: ['DRAFT ONLY', '<w:', '&amp;'],
    }],
  },
  {
    format: 'EML (quoted-printable UTF-8)', dir: FORMATS, file: 'ferry.eml',
    sources: [{
      path: 'ferry.eml', outlet: 'harbourpost.example', title: 'Ferry capsizes off Port Arlen',
      phrases: ['café owner José Ortega'], excludes: ['=C3', 'Subject:'],
    }],
  },
  {
    format: 'EML (multipart, base64 Latin-1 HTML, attachment)', dir: FORMATS, file: 'quarry.eml',
    sources: [{
      path: 'quarry.eml', outlet: 'ridgeline.example', title: 'Quarry collapse: 6 of 9 workers reached',
      phrases: ['Rescuers reached 6 of the 9 trapped workers', 'Société Brenna declined to comment.'],
      excludes: ['<p>', 'PNG', 'not an article'],
    }],
  },
  {
    format: 'ZIP (one source per member, nested archive, hostile members)', dir: FORMATS, file: 'batch.zip',
    sources: [
      { path: 'batch.zip/news/wire.txt', outlet: 'Coast Times', phrases: ['A ferry capsized off Port Arlen; 14 people died.'] },
      { path: 'batch.zip/news/deep/report.md', title: 'Ferry toll rises', phrases: ['The toll rose to 17 on Wednesday.'] },
      { path: 'batch.zip/news/flood.docx', title: 'Valdora flood: bridges closed', phrases: ['River levels in Valdora rose by 2.4 metres overnight'] },
      { path: 'batch.zip/news/ferry.eml', outlet: 'harbourpost.example', title: 'Ferry capsizes off Port Arlen', phrases: ['café owner José Ortega'] },
      { path: 'batch.zip/news/landslide.pdf', title: 'Korvo landslide', phrases: ['Rescue teams recovered 11 bodies'] },
      { path: 'batch.zip/news/older.zip/inner/wire.txt', outlet: 'Meridian Wire', phrases: ['The death toll rose to 19, officials said.'] },
      { path: 'batch.zip/bad/fake.docx', error: ['not a ZIP package'] },
      { path: 'batch.zip/bad/scan.pdf', error: ['text layer'] },
      { path: 'batch.zip/bad/broken_base64.eml', error: ['base64'] },
      { path: 'batch.zip/bad/bomb.zip/zeros.txt', error: ['zip bomb'] },
      { path: 'batch.zip/bad/empty.txt', error: ['empty'] },
    ],
  },
  {
    format: 'Windows-1252 text', dir: INGEST, file: 'windows1252.txt',
    sources: [{ path: 'windows1252.txt', phrases: ['The café owner said it’s “the worst flood in 30 years”.'], warning: 'Windows-1252' }],
  },
  {
    format: 'KOI8-R text', dir: INGEST, file: 'cyrillic_koi8r.txt',
    sources: [{ path: 'cyrillic_koi8r.txt', phrases: ['погибли два человека', 'Ещё пятеро пострадали.'], warning: 'KOI8-R' }],
  },
  {
    format: 'Windows-1251 text', dir: INGEST, file: 'cyrillic_1251.txt',
    sources: [{ path: 'cyrillic_1251.txt', phrases: ['погибли два человека', 'Ещё пятеро'], warning: 'Windows-1251' }],
  },
  {
    format: 'UTF-16LE with BOM', dir: INGEST, file: 'utf16le_bom.txt',
    sources: [{ path: 'utf16le_bom.txt', title: 'Quake shakes coastal towns', phrases: ['A magnitude 5.8 earthquake shook the coast on Sunday.'], excludes: ['\ufeff', '\u0000'] }],
  },
  {
    format: 'UTF-16BE with BOM', dir: INGEST, file: 'utf16be_bom.txt',
    sources: [{ path: 'utf16be_bom.txt', title: 'Quake shakes coastal towns', phrases: ['A magnitude 5.8 earthquake shook the coast on Sunday.'], excludes: ['\ufeff', '\u0000'] }],
  },
];

/** The source list as { path, status } in the order shown. */
const sourceList = (page) => page.$$eval('ul#source-list > li.source', (lis) => lis.map((li) => ({ path: li.dataset.path, status: li.dataset.status })));

/** The `li.source` of one path; CSS.escape is not available in Node, and paths hold no quotes. */
const sourceSel = (p) => `ul#source-list > li.source[data-path="${p}"]`;

/** Asserts an error source shows a message holding each key word. */
async function assertError(page, p, words) {
  const sel = `${sourceSel(p)}[data-status="error"] .source-error`;
  await page.waitForSelector(sel, { timeout: TIMEOUT });
  const message = await page.textContent(sel);
  for (const word of words) {
    assert.ok(message.toLowerCase().includes(word.toLowerCase()), `${p}: error ${JSON.stringify(message)} lacks ${JSON.stringify(word)}`);
  }
}

/** Asserts a good source's outlet, title, warning and, in the reader, its text. */
async function assertArticle(page, s) {
  const li = `${sourceSel(s.path)}[data-status="ok"]`;
  await page.waitForSelector(li, { timeout: TIMEOUT });
  if (s.outlet) assert.equal(await page.inputValue(`${li} .source-name`), s.outlet, `${s.path}: outlet`);
  if (s.title) assert.equal((await page.textContent(`${li} .source-title`)).trim(), s.title, `${s.path}: title`);
  if (s.warning) {
    const warnings = await page.$$eval(`${li} .source-warnings li`, (items) => items.map((w) => w.textContent));
    assert.ok(warnings.some((w) => w.includes(s.warning)), `${s.path}: warnings ${JSON.stringify(warnings)} lack ${s.warning}`);
  }
  // The title button opens the reader on this article; the picker names the article shown.
  await page.click(`${li} .source-title`);
  await page.waitForSelector('nav#views button[data-view="reader"][aria-selected="true"]', { timeout: TIMEOUT });
  await page.waitForFunction((want) => document.querySelector('select#article-picker')?.value === want, s.path, { timeout: TIMEOUT });
  const text = await page.textContent('section#reader .article-text');
  for (const phrase of s.phrases) {
    assert.ok(text.includes(phrase), `${s.path}: reader text lacks ${JSON.stringify(phrase)}:\n${text}`);
  }
  for (const fragment of s.excludes ?? []) {
    assert.ok(!text.includes(fragment), `${s.path}: reader text shows ${JSON.stringify(fragment)}:\n${text}`);
  }
}

for (const row of TABLE) {
  test(`format: ${row.format} (${row.file}) is read and shown in the reader`, { timeout: 3 * TIMEOUT }, async () => {
    await withApp(`formats-${row.file}`, async (page, server) => {
      await openApp(page, server);
      await dropFiles(page, '#dropzone', [await fixture(row.dir, row.file)]);
      const good = row.sources.filter((s) => !s.error);
      await waitForAnalysis(page, good.length);

      // Exactly the expected sources, each with its status: nothing lost, nothing extra.
      const shown = await sourceList(page);
      assert.deepEqual(
        shown.map((s) => `${s.path} ${s.status}`).sort(),
        row.sources.map((s) => `${s.path} ${s.error ? 'error' : 'ok'}`).sort(),
      );
      for (const s of row.sources.filter((x) => x.error)) await assertError(page, s.path, s.error);
      for (const s of good) await assertArticle(page, s);

      assert.deepEqual(page.errors, [], 'page errors');
      assertNoExternalRequests(page, server.origin);
    });
  });
}

/** The hostile corpus: each file, the path of the error source it gives and key words of its message. */
const HOSTILE = [
  { file: 'corrupt.zip', path: 'corrupt.zip', error: ['ZIP', 'damaged'] },
  { file: 'bomb.zip', path: 'bomb.zip/zeros.txt', error: ['archive', 'zip bomb'] },
  { file: 'deep.zip', path: 'deep.zip/level3.zip/level2.zip', error: ['archive', 'nest'] },
  { file: 'scan.pdf', path: 'scan.pdf', error: ['text layer'] },
  { file: 'fake.docx', path: 'fake.docx', error: ['DOCX', 'not a ZIP package'] },
  { file: 'truncated.docx', path: 'truncated.docx', error: ['Word (DOCX)', 'damaged'] },
  { file: 'truncated.pdf', path: 'truncated.pdf', error: ['PDF', 'damaged'] },
  { file: 'broken_base64.eml', path: 'broken_base64.eml', error: ['base64'] },
  { file: 'empty.txt', dir: INGEST, path: 'empty.txt', error: ['empty'] },
];

test('the hostile corpus dropped with two good files: each bad file has its own error, the good ones are analysed', { timeout: 4 * TIMEOUT }, async () => {
  await withApp('formats-hostile', async (page, server) => {
    await openApp(page, server);
    const files = [await fixture(FORMATS, 'landslide.pdf', 'application/pdf')];
    for (const h of HOSTILE) files.push(await fixture(h.dir ?? FORMATS, h.file));
    files.push(await fixture(FORMATS, 'ferry.eml', 'message/rfc822'));
    await dropFiles(page, '#dropzone', files);
    await waitForAnalysis(page, 2);

    // One source per file (a bomb or a too-deep archive is one error in place of its member), in drop order.
    assert.deepEqual(await sourceList(page), [
      { path: 'landslide.pdf', status: 'ok' },
      ...HOSTILE.map((h) => ({ path: h.path, status: 'error' })),
      { path: 'ferry.eml', status: 'ok' },
    ]);
    for (const h of HOSTILE) await assertError(page, h.path, h.error);

    // The good files are read in full and the page still answers: the reader and another view open.
    await assertArticle(page, { path: 'landslide.pdf', title: 'Korvo landslide', phrases: ['Rescue teams recovered 11 bodies'] });
    await assertArticle(page, { path: 'ferry.eml', outlet: 'harbourpost.example', title: 'Ferry capsizes off Port Arlen', phrases: ['café owner José Ortega'] });
    await openView(page, 'entities');
    await page.waitForSelector('table#entities-table tr.entity-row', { timeout: TIMEOUT });
    assert.equal(await page.evaluate(() => document.querySelector('#analysis-status').dataset.state), 'done');

    assert.deepEqual(page.errors, [], 'page errors');
    assertNoExternalRequests(page, server.origin);
  });
});
