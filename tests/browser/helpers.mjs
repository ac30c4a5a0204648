// Shared set-up for the browser tests: serve dist/ with python's http.server, launch
// headless chromium through playwright-core, and small helpers over the page.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
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

/**
 * A fresh page (its own storage) that records page errors and failed requests (a 404 for
 * /favicon.ico included); `done(page)` asserts there were none and closes it.
 */
export async function newPage(env, url = '', viewport = { width: 1400, height: 900 }) {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) page.errors.push(`${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => {
    // A download's blob: URL ends its request when the file is saved; that is no failure.
    if (!r.url().startsWith('blob:')) page.errors.push(`failed ${r.url()}: ${r.failure()?.errorText}`);
  });
  if (url !== null) await page.goto(env.base + url);
  return page;
}

/** Asserts the page had no errors (script errors, failed requests) and closes it. */
export async function done(page) {
  const errors = [...page.errors];
  await page.context().close();
  if (errors.length) throw new Error(`page errors:\n${errors.join('\n')}`);
}

/** The generation number of the page's latest build request (0 before any). */
export async function generation(page) {
  return Number(await page.getAttribute('.progress', 'data-generation'));
}

/**
 * Waits for the page's build number `gen` (default: the latest requested) to finish;
 * returns 'done' or 'failed'.
 */
export async function waitForBuild(page, gen) {
  const want = gen ?? await generation(page);
  const sel = `.progress[data-generation="${want}"].done, .progress[data-generation="${want}"].failed`;
  await page.waitForSelector(sel, { timeout: BUILD_TIMEOUT });
  return page.$eval('.progress', (el) => (el.classList.contains('done') ? 'done' : 'failed'));
}

/** Replaces the Dockerfile in the editor as a user would (an input event). */
export async function setDockerfile(page, text) {
  await page.fill('textarea.ed-input', text);
}

/** Starts a build with the keyboard shortcut and waits for that build (not an earlier one). */
export async function build(page) {
  await page.waitForSelector('.progress[data-generation]');
  await waitForBuild(page);
  const before = await generation(page);
  await page.focus('textarea.ed-input');
  await page.keyboard.press('Control+Enter');
  return waitForBuild(page, before + 1);
}

/**
 * Types one line into the terminal, presses Enter and waits until it ran (a line whose
 * images' catalogue data is fetched first runs a moment later).
 */
export async function termLine(page, line) {
  const ran = await page.$$eval('.term-screen > div.t-in', (els) => els.length);
  await page.fill('.term-input input', line);
  await page.press('.term-input input', 'Enter');
  if (line.trim() !== 'clear') {
    await page.waitForFunction((n) => document.querySelectorAll('.term-screen > div.t-in').length > n, ran, { timeout: BUILD_TIMEOUT });
  }
}

/** Reads a gzip-compressed tar. */
export function untarGz(buf) {
  return untar(gunzipSync(buf));
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
