// The page's terminal and the native CLI answer the same: a transcript of docker commands
// (an interactive shell included) runs through the `layerlab` binary with a fresh state
// directory, then is typed into the terminal; the two texts must match once container IDs
// are numbered by first appearance.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { done, newPage, start, termLine, waitForBuild } from './helpers.mjs';

const BIN = process.env.LAYERLAB_BIN || path.join(import.meta.dirname, '../../target/debug/layerlab');

// Each entry: a command line, and for an interactive shell the lines typed into it.
// The page's first build uses debian only, so alpine and busybox are pulled on demand in
// both.
const TRANSCRIPT = [
  { cmd: 'docker run -it alpine sh', input: ['echo hi > /x', 'cat /x', 'ls /nope', 'cd /tmp && pwd', 'exit 3'] },
  { cmd: 'docker ps -a --format "{{.Image}} {{.Command}} {{.State}}"' },
  { cmd: 'docker run -d busybox sleep 100' },
  { cmd: 'docker create alpine:3.20 echo created' },
  { cmd: 'docker ps -a --format "{{.ID}} {{.Image}} {{.Command}} {{.State}}"' },
  { cmd: 'docker run --rm busybox:latest echo hello' },
  { cmd: 'docker images alpine --format "{{.Repository}}:{{.Tag}} {{.Size}}"' },
  { cmd: 'docker history alpine:3.20 --format "{{.CreatedBy}} {{.Size}}"' },
  { cmd: 'docker run -it alpine:3.20 sh -c "echo not interactive"' },
  { cmd: 'docker pull nosuchimage' },
  { cmd: 'docker frobnicate' },
];

/** Numbers 64- and 12-digit hex IDs by first appearance, so the same ID must recur. */
function normalize(lines) {
  const ids = new Map();
  return lines.map((l) => l.replace(/\b[0-9a-f]{64}\b|\b[0-9a-f]{12}\b/g, (id) => {
    const key = id.slice(0, 12);
    if (!ids.has(key)) ids.set(key, `<id-${ids.size + 1}>`);
    return ids.get(key);
  }).trimEnd());
}

function splitArgs(line) {
  const out = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m;
  while ((m = re.exec(line))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** The CLI's output for the transcript: stdout and stderr as a terminal shows them. */
function cliTranscript() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'layerlab-cli-'));
  try {
    const lines = [];
    for (const { cmd, input } of TRANSCRIPT) {
      const args = splitArgs(cmd).slice(1);
      // Both streams into one pipe, in the order the CLI writes them (as a terminal shows).
      const r = spawnSync('sh', ['-c', 'exec "$0" "$@" 2>&1', BIN, '--root', root, ...args], {
        input: input ? `${input.join('\n')}\n` : '',
        encoding: 'utf8',
      });
      assert.equal(r.error, undefined, String(r.error));
      lines.push(...r.stdout.split('\n').filter((l, i, a) => i < a.length - 1 || l !== ''));
    }
    return normalize(lines);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('the terminal answers a transcript exactly as the CLI does', async () => {
  assert.ok(existsSync(BIN), `no CLI binary at ${BIN} (cargo build --bin layerlab, or set LAYERLAB_BIN)`);
  const expected = cliTranscript();
  const page = await newPage(env);
  assert.equal(await waitForBuild(page), 'done');
  await page.click('#tab-terminal');
  for (const { cmd, input } of TRANSCRIPT) {
    await termLine(page, cmd);
    for (const line of input || []) await termLine(page, line);
  }
  const shown = await page.$$eval('.term-screen > div', (els) => els.filter((e) => !e.classList.contains('t-in') && !e.classList.contains('muted')).map((e) => e.textContent));
  assert.deepEqual(normalize(shown), expected);
  // Interactive lines went to the container's shell, with its prompt.
  const typed = await page.$$eval('.term-screen > div.t-in', (els) => els.map((e) => e.textContent));
  assert.deepEqual(typed.slice(1, 6), ['/ # echo hi > /x', '/ # cat /x', '/ # ls /nope', '/ # cd /tmp && pwd', '/tmp # exit 3']);
  // The pull comes before the detached container's ID, as Docker prints it.
  const pull = expected.findIndex((l) => l.startsWith("Unable to find image 'busybox:latest'"));
  const id = expected.findIndex((l) => /^<id-\d+>$/.test(l));
  assert.ok(pull >= 0 && id > pull, `pull at ${pull}, id at ${id}:\n${expected.join('\n')}`);
  await done(page);
});

test('nginx in the terminal: published port, curl from the host, the page changed with exec, ps', async () => {
  const page = await newPage(env);
  assert.equal(await waitForBuild(page), 'done');
  await page.click('#tab-terminal');
  const output = async () => page.$$eval('.term-screen > div', (els) => els.filter((e) => !e.classList.contains('t-in')).map((e) => e.textContent).join('\n'));
  await termLine(page, 'docker run --name webserver -d -p 8080:80 nginx');
  await page.waitForFunction(() => /^[0-9a-f]{64}$/m.test([...document.querySelectorAll('.term-screen > div')].map((e) => e.textContent).join('\n')), null, { timeout: 120000 });
  await termLine(page, 'curl localhost:8080');
  await page.waitForFunction(() => document.querySelector('.term-screen').textContent.includes('Welcome to nginx!'), null, { timeout: 30000 });
  // A pipe on the host's line feeds the left side's output to the right side's program.
  const lastOutput = async () => page.$$eval('.term-screen > div', (els) => {
    const at = els.map((e) => e.classList.contains('t-in')).lastIndexOf(true);
    return els.slice(at + 1).map((e) => e.textContent);
  });
  await termLine(page, 'curl -s localhost:8080 | head -4');
  assert.deepEqual(await lastOutput(), ['<!DOCTYPE html>', '<html>', '<head>', '<title>Welcome to nginx!</title>']);
  await termLine(page, 'curl -s localhost:8080 | grep -c nginx | wc -l');
  assert.deepEqual((await lastOutput()).map((l) => l.trim()), ['1']);
  await termLine(page, 'docker ps --format "{{.Names}}" | grep web');
  assert.deepEqual(await lastOutput(), ['webserver']);
  await termLine(page, "docker exec webserver sh -c \"echo '<h1>Hello, Docker!</h1>' > /usr/share/nginx/html/index.html\"");
  await termLine(page, 'curl -s localhost:8080');
  await page.waitForFunction(() => document.querySelector('.term-screen').textContent.includes('<h1>Hello, Docker!</h1>'), null, { timeout: 30000 });
  await termLine(page, 'docker ps --format "{{.Names}} {{.Status}} {{.Ports}}"');
  await page.waitForFunction(() => /webserver Up .* 0\.0\.0\.0:8080->80\/tcp, \[::\]:8080->80\/tcp/.test(document.querySelector('.term-screen').textContent), null, { timeout: 30000 });
  const text = await output();
  assert.match(text, /Unable to find image 'nginx:latest' locally/);
  assert.match(text, /webserver Up .* 0\.0\.0\.0:8080->80\/tcp, \[::\]:8080->80\/tcp/);
  await done(page);
});
