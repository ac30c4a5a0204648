// Diagnostic (not a test): when the long tasks happen while a 100 MB image saves.
import { build, newPage, setDockerfile, start } from './helpers.mjs';
const env = await start();
const page = await newPage(env);
page.on('console', (m) => { if (m.text().includes('SLOWSTEP')) console.log(m.text()); });
await setDockerfile(page, 'FROM debian:bookworm\nRUN echo saved > /saved.txt\n');
console.log('build', await build(page));
await page.evaluate(() => {
  window.__lt = []; window.__ev = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask' });
  const B = window.Blob;
  window.Blob = function (parts, opts) { const t = performance.now(); const b = new B(parts, opts); window.__ev.push(['Blob', t, performance.now() - t, parts.length]); return b; };
  window.Blob.prototype = B.prototype;
  const poll = () => { const el = document.querySelector('.save-bar'); if (el) window.__ev.push(['bar', performance.now(), el.value]); setTimeout(poll, 5); };
  poll();
});
const dl = page.waitForEvent('download', { timeout: 600000 });
await page.click('button.download-image');
await dl;
await page.waitForTimeout(300);
const lt = await page.evaluate(() => window.__lt);
const ev = await page.evaluate(() => window.__ev);
console.log('long tasks', JSON.stringify(lt.map(([s, d]) => [Math.round(s), Math.round(d)])));
const bars = ev.filter((e) => e[0] === 'bar');
for (const [s, d] of lt) {
  const before = bars.filter((b) => b[1] <= s).pop();
  const after = bars.find((b) => b[1] >= s + d);
  console.log(`task ${Math.round(s)}+${Math.round(d)}: bar before ${before?.[2]?.toFixed(3)} after ${after?.[2]?.toFixed(3)}`);
}
console.log('first bar', bars[0]?.[1]?.toFixed(0), 'last bar', bars.at(-1)?.[1]?.toFixed(0), bars.at(-1)?.[2]);
for (const e of ev.filter((e) => e[0] !== 'bar')) console.log(JSON.stringify(e));
const st = await page.evaluate(() => window.__st || []);
console.log('slices', st.length, 'max slice', Math.max(...st.map((x) => x[1])).toFixed(1), 'max emit', Math.max(...st.map((x) => x[2])).toFixed(1));
for (const [s, d] of lt) {
  const near = st.filter((x) => x[0] >= s - 5 && x[0] <= s + d);
  console.log(`task ${Math.round(s)}+${Math.round(d)}:`, JSON.stringify(near.map((x) => [Math.round(x[0]), x[1].toFixed(1), x[2].toFixed(1)])));
}
await env.close();
