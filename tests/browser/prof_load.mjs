// Diagnostic (not a test): when the long tasks happen while the page loads an archive.
import { newPage, start, waitForBuild } from './helpers.mjs';
const file = process.argv[2];
const env = await start();
const page = await newPage(env);
await waitForBuild(page);
await page.evaluate(() => {
  window.__lt = []; window.__ev = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask' });
  const poll = () => { const el = document.querySelector('.load-bar'); window.__ev.push([performance.now(), el ? el.value : -1]); setTimeout(poll, 5); };
  poll();
});
await page.setInputFiles('input.load-image-input', file);
await page.waitForSelector('.load-progress', { timeout: 10000 });
await page.waitForFunction(() => !document.querySelector('.load-progress'), null, { timeout: 120000 });
await page.waitForTimeout(300);
const lt = await page.evaluate(() => window.__lt);
const ev = await page.evaluate(() => window.__ev);
for (const [s, d] of lt) {
  const before = ev.filter((b) => b[0] <= s).pop();
  const after = ev.find((b) => b[0] >= s + d);
  console.log(`task ${Math.round(s)}+${Math.round(d)}: bar before ${before?.[1]} after ${after?.[1]}`);
}
await env.close();
