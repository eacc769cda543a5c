// A long entities table, after "Show all", draws only the rows near the view and follows the scroll.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp, openApp, dropFiles, waitForAnalysis, openView, TIMEOUT } from './harness.mjs';

// 25 articles, each naming 14 invented people no other article names: over 300 entities.
function manyNames() {
  const first = ['Aldo', 'Berit', 'Cosmo', 'Dagny', 'Elio', 'Freya', 'Gunnar', 'Hedda', 'Ivo', 'Jorun', 'Kasimir', 'Liva', 'Mads', 'Nora', 'Otto', 'Pia', 'Rune', 'Siv'];
  const last = ['Brenner', 'Castell', 'Dunmore', 'Eskeland', 'Falk', 'Grieve', 'Holm', 'Ingram', 'Jessup', 'Kvist', 'Lindqvist', 'Marlow', 'Nyberg', 'Orsted', 'Pettit', 'Quist', 'Rask', 'Sundby'];
  const files = [];
  let k = 0;
  for (let a = 0; a < 25; a++) {
    const lines = [`Title: Witnesses ${a}`, 'Date: 2025-10-14', ''];
    for (let j = 0; j < 14; j++, k++) {
      lines.push(`Resident ${first[k % 18]} ${last[Math.floor(k / 18) % 18]} told reporters that the water rose quickly on Sunday night.`);
    }
    files.push({ name: `witnesses-${a}.txt`, content: lines.join('\n') });
  }
  return files;
}

test('show all on a long entities table draws only the rows in view', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('rows-windowed', async (page, server) => {
    await openApp(page, server, '/');
    await dropFiles(page, '#dropzone', manyNames());
    await waitForAnalysis(page, 25);
    await openView(page, 'entities');
    const total = Number(await page.$eval('#entities-table', (el) => el.dataset.rows));
    assert.ok(total > 200, `only ${total} entities`);
    assert.equal(await page.$$eval('tr.entity-row', (rows) => rows.length), 200);
    await page.click('button >> text=/Show all/');
    await page.waitForSelector('#entities-table.windowed');
    const drawn = await page.$$eval('tr.entity-row', (rows) => rows.length);
    assert.ok(drawn > 0 && drawn < total, `${drawn} of ${total} rows drawn`);
    // Scrolling to the end draws the last rows, with a spacer standing in for those above.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction((total) => {
      const table = document.querySelector('#entities-table');
      const rows = table.querySelectorAll('tr.entity-row');
      const [above, below] = table.querySelectorAll('tr.spacer');
      return rows.length > 0 && rows.length < total && above.getBoundingClientRect().height > 0
        && below.getBoundingClientRect().height === 0
        && rows[rows.length - 1].getBoundingClientRect().top < window.innerHeight;
    }, total);
  });
});
