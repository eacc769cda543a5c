// The five seed articles about the Crocus City Hall attack, dropped at once: the death toll must
// line up as one rising "killed" slot, ISIS-K must stay apart from ISIS as two entities shown as related, the
// claim row that states the toll must show each source's own value, and the Ukrainian link that one seed attributes
// to Russian investigators must show as that seed's word alone, with the denial it reports.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  seedsDir, withApp, openApp, dropFiles, waitForAnalysis, openView, slotRows, entityRows,
  readFiles, assertNoExternalRequests, TIMEOUT,
} from './harness.mjs';

// The seeds live in ../shared beside the repository; a clone without it cannot run this spec.
const skip = fs.existsSync(seedsDir) ? false : `seed articles not found at ${seedsDir} (set CORROBORATE_SEEDS)`;

// Paths are compared by their three-digit prefix, which names each seed article.
const prefixes = (paths) => paths.map((p) => p.slice(0, 3)).sort();

test('seed articles: one rising death toll, ISIS-K apart from ISIS', { skip, timeout: 4 * TIMEOUT }, async () => {
  const files = await readFiles(seedsDir, (n) => n.endsWith('.txt'));
  assert.equal(files.length, 5, `expected five seed files in ${seedsDir}`);

  await withApp('seeds', async (page, server) => {
    await openApp(page, server);
    await dropFiles(page, '#dropzone', files);
    await waitForAnalysis(page, 5);
    assert.equal(await page.locator('ul#source-list > li.source[data-status="ok"]').count(), 5);

    await openView(page, 'figures');
    const killed = (await slotRows(page)).filter((s) => s.measure === 'killed');
    assert.equal(killed.length, 1, `one killed slot expected, got ${JSON.stringify(killed)}`);
    // Report-date order: 000 and 003 on 2024-03-23, then 004 (03-25), 002 (03-28), 001 (03-29).
    assert.deepEqual(killed[0].values.map((v) => v.value), [60, 93, 137, 143, 144], JSON.stringify(killed[0].values));
    assert.equal(killed[0].status, 'update');

    await openView(page, 'entities');
    const rows = await entityRows(page);
    // The row's name counts as one of its aliases, whether or not the UI repeats it in data-aliases.
    const names = (r) => new Set([r.name, ...r.aliases]);

    const k = rows.filter((r) => names(r).has('ISIS-K'));
    assert.equal(k.length, 1, `one entity with alias ISIS-K expected, got ${JSON.stringify(k)}`);
    const kNames = names(k[0]);
    for (const alias of ['IS-K', 'Islamic State in Khorasan']) {
      assert.ok(kNames.has(alias), `ISIS-K row lacks alias "${alias}": ${JSON.stringify(k[0])}`);
    }
    assert.ok([...kNames].some((a) => a.includes('ISIS Khorasan')), `ISIS-K row lacks an "ISIS Khorasan" alias: ${JSON.stringify(k[0])}`);
    assert.deepEqual(prefixes(k[0].paths), ['000', '001', '002', '004']);

    const is = rows.filter((r) => names(r).has('ISIS'));
    assert.equal(is.length, 1, `one entity with alias ISIS expected, got ${JSON.stringify(is)}`);
    assert.notEqual(is[0].entity, k[0].entity, 'ISIS and ISIS-K must be different entities');
    const isNames = names(is[0]);
    assert.ok(isNames.has('Islamic State group') || isNames.has('Islamic State'), `ISIS row lacks "Islamic State (group)": ${JSON.stringify(is[0])}`);
    assert.deepEqual(prefixes(is[0].paths), ['000', '001', '002', '003', '004']);
    // Apart, but shown as related: the branch's row names its parent and the parent's row its branch.
    assert.match(k[0].related, /^related to .*\bIslamic State\b/, `ISIS-K row: ${JSON.stringify(k[0])}`);
    assert.match(is[0].related, /Islamic State in Khorasan/, `ISIS row: ${JSON.stringify(is[0])}`);

    // The claims grid does not let "stated" hide a figure that differs: the row that states the death toll shows
    // every source's own value and says the values were updated over time.
    await openView(page, 'claims');
    const tolls = await page.locator('#claims-table tr.claim-row').evaluateAll((trs) => trs
      .filter((tr) => tr.querySelector('.claim-figures'))
      .map((tr) => ({
        note: tr.querySelector('.claim-figures').textContent,
        values: [...tr.querySelectorAll('td.claim-cell')].map((td) => td.querySelector('.figure')?.dataset.value ?? null),
      })));
    const full = tolls.find((t) => t.values.every((v) => v !== null));
    assert.ok(full, `a claim row with a death toll in every cell expected, got ${JSON.stringify(tolls)}`);
    assert.deepEqual(full.values.map((v) => Number(v.replace(/\D/g, ''))).sort((a, b) => a - b), [60, 93, 137, 143, 144]);
    assert.match(full.note, /^killed: .*updated over time/, JSON.stringify(full));
    // The alleged Ukrainian link rests on one seed (002): its own row, naming the Russian investigators it is
    // attributed to and the US National Security Council's denial that the same seed reports, so it counts as
    // contested; the denial opens its own sentence in the reader.
    await page.selectOption('#claim-filter', 'contested');
    const contested = await page.locator('#claims-table tr.claim-row').evaluateAll((trs) => trs.map((tr) => ({
      agreement: tr.dataset.agreement,
      text: tr.querySelector('.claim-text').textContent,
      cells: [...tr.querySelectorAll('td.claim-cell')].map((td) => ({
        seed: td.dataset.path.slice(0, 3),
        state: td.dataset.state,
        per: td.querySelector('.attribution')?.dataset.attribution ?? null,
        deniedBy: td.querySelector('.dispute')?.dataset.by ?? null,
      })),
    })));
    const link = contested.find((r) => r.cells.some((c) => c.seed === '002' && c.per === 'the Russian investigative committee'));
    assert.ok(link, `no contested row attributed to the Russian investigative committee: ${JSON.stringify(contested)}`);
    assert.match(link.text, /Ukraine/);
    assert.deepEqual(link.cells.filter((c) => c.state !== 'not_mentioned').map((c) => c.seed), ['002']);
    assert.equal(link.cells.find((c) => c.seed === '002').deniedBy, 'U.S. National Security Council');
    await page.locator('#claims-table td.claim-cell button.dispute').first().click();
    await page.waitForSelector('nav#views button[role=tab][data-view="reader"][aria-selected="true"]', { timeout: TIMEOUT });
    await openView(page, 'claims');
    await page.selectOption('#claim-filter', 'all');

    // The note leads to the figures view, where the slot's values can be read in full.
    await page.locator('#claims-table .claim-figures').first().click();
    await page.waitForSelector('nav#views button[role=tab][data-view="figures"][aria-selected="true"]', { timeout: TIMEOUT });

    assertNoExternalRequests(page, server.origin);
  });
});
