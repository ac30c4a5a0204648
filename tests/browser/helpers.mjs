// Shared set-up for the browser tests: serve dist/ with python's http.server, launch
// headless chromium through playwright-core, and small helpers over the page.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const DIST = path.resolve(process.env.LAYERLAB_DIST || path.join(import.meta.dirname, '../../dist'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--no-first-run'];
/** How long a build may take in the page (the debug build is slow). */
export const BUILD_TIMEOUT = Number(process.env.LAYERLAB_BUILD_TIMEOUT || 120000);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForHttp(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

/** Starts the static server and the browser; returns { base, browser, close }. */
export async function start() {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`no built playground at ${DIST} (run trunk build first)`);
  }
  const port = await freePort();
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '-d', DIST],
    { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}/`;
  await waitForHttp(base, 10000);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      server.kill();
    },
  };
}

/** A fresh page (its own storage) with the console errors collected. */
export async function newPage(env, url = '') {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  if (url !== null) await page.goto(env.base + url);
  return page;
}

/** Waits for the build in the page to finish (done or failed); returns the status class. */
export async function waitForBuild(page) {
  await page.waitForSelector('.progress.done, .progress.failed', { timeout: BUILD_TIMEOUT });
  return page.$eval('.progress', (el) => (el.classList.contains('done') ? 'done' : 'failed'));
}

/** Replaces the Dockerfile in the editor as a user would (an input event). */
export async function setDockerfile(page, text) {
  await page.fill('textarea.ed-input', text);
}

/** Starts a build with the keyboard shortcut and waits for it. */
export async function build(page) {
  // Wait for any build already running (the one on load) so we see our own finish.
  await waitForBuild(page);
  await page.focus('textarea.ed-input');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('.progress.running', { timeout: 10000 }).catch(() => {});
  return waitForBuild(page);
}

/** Reads the member names and contents of an uncompressed tar. */
export function untar(buf) {
  const files = new Map();
  let off = 0;
  while (off + 512 <= buf.length) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a, b) => header.subarray(a, b).toString('utf8').replace(/\0.*$/s, '');
    let name = str(0, 100);
    const prefix = str(345, 500);
    if (prefix) name = `${prefix}/${name}`;
    const size = parseInt(str(124, 136).trim() || '0', 8);
    files.set(name, buf.subarray(off + 512, off + 512 + size));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
