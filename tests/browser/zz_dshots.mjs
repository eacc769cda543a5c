import { withApp, openApp, waitForAnalysis, openView } from './harness.mjs';
await withApp('dshots', async (page, server) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openApp(page, server, '/?demo');
  await waitForAnalysis(page, 4, { atLeast: true });
  for (const v of ['entities', 'figures', 'claims', 'timeline']) {
    await openView(page, v);
    await page.screenshot({ path: `/tmp/dshots/${v}.png`, fullPage: true });
  }
});
