// The command walkthrough of the Docker notes layerlab is built for
// (../shared/seed-examples/README.md), typed into the page's terminal as a learner would:
// every step answers as Docker does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { done, newPage, start, termLine, waitForBuild } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** The terminal's text since line `from` (inputs included, as the learner sees it). */
async function screen(page, from = 0) {
  const lines = await page.$$eval('.term-screen > div', (els) => els.map((e) => e.textContent));
  return lines.slice(from).join('\n');
}

/** Runs one step (with the lines typed into an interactive session) and returns its text. */
async function step(page, cmd, input = []) {
  const from = await page.$$eval('.term-screen > div', (els) => els.length);
  await termLine(page, cmd);
  for (const line of input) await termLine(page, line);
  return screen(page, from);
}

test('the seed walkthrough runs in the page terminal as on Docker', async () => {
  const page = await newPage(env);
  assert.equal(await waitForBuild(page), 'done');
  await page.click('#tab-terminal');
  const log = [];
  // Every step runs; the failures are reported together, with the whole session.
  const failures = [];
  const soft = (check) => { try { check(); } catch (e) { failures.push(e.message.split('\n')[0]); } };
  const run = async (cmd, input) => {
    const text = await step(page, cmd, input);
    log.push(text);
    return text;
  };

  let t = await run('docker run --name webserver -d -p 80:80 nginx');
  soft(() => assert.match(t, /Unable to find image 'nginx:latest' locally/));
  soft(() => assert.match(t, /^[0-9a-f]{64}$/m));
  t = await run('docker exec -it webserver bash', ["echo '<h1>Hello, Docker!</h1>' > /usr/share/nginx/html/index.html", 'exit']);
  soft(() => assert.match(t, /root@[0-9a-f]{12}:\/# echo/));
  t = await run('docker diff webserver');
  for (const row of ['C /root', 'A /root/.bash_history', 'C /usr/share/nginx/html/index.html', 'C /run', 'A /run/nginx.pid']) {
    soft(() => assert.ok(t.split('\n').includes(row), `${row} missing in:\n${t}`));
  }
  t = await run('docker commit --author "Tao Wang <twang2218@gmail.com>" --message "修改了默认网页" webserver nginx:v2');
  soft(() => assert.match(t, /^sha256:[0-9a-f]{64}$/m));
  t = await run('docker image ls nginx');
  soft(() => assert.match(t, /^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$/m));
  soft(() => assert.match(t, /^nginx\s+v2\s+[0-9a-f]{12}\s/m));
  soft(() => assert.match(t, /^nginx\s+latest\s+[0-9a-f]{12}\s/m));
  t = await run('docker history nginx:v2');
  soft(() => assert.match(t, /^IMAGE\s+CREATED\s+CREATED BY\s+SIZE\s+COMMENT$/m));
  soft(() => assert.match(t, /修改了默认网页/));
  t = await run('docker run --name web2 -d -p 81:80 nginx:v2');
  soft(() => assert.match(t, /^[0-9a-f]{64}$/m));
  t = await run('curl -s localhost:81');
  soft(() => assert.match(t, /<h1>Hello, Docker!<\/h1>/));

  t = await run('docker pull ubuntu:18.04');
  soft(() => assert.match(t, /^18\.04: Pulling from library\/ubuntu$/m));
  soft(() => assert.match(t, /^Status: Downloaded newer image for ubuntu:18\.04$/m));
  soft(() => assert.match(t, /^docker\.io\/library\/ubuntu:18\.04$/m));
  t = await run('docker run -it --rm ubuntu:18.04 bash', ['cat /etc/os-release', 'exit']);
  soft(() => assert.match(t, /VERSION="18\.04\.\d+ LTS \(Bionic Beaver\)"/));
  t = await run('docker image ls ubuntu:18.04');
  soft(() => assert.match(t, /^ubuntu\s+18\.04\s+[0-9a-f]{12}\s+\d+ years ago\s+\d+(\.\d+)?MB$/m));
  t = await run('docker image ls -a');
  soft(() => assert.match(t, /^ubuntu\s+18\.04/m));
  t = await run('docker system df');
  soft(() => assert.match(t, /^TYPE\s+TOTAL\s+ACTIVE\s+SIZE\s+RECLAIMABLE$/m));
  soft(() => assert.match(t, /^Images\s+\d+\s+\d+\s/m));
  t = await run('docker image ls -f dangling=true');
  soft(() => assert.match(t, /^REPOSITORY\s+TAG/m));
  t = await run('docker image prune -f');
  soft(() => assert.match(t, /^Total reclaimed space: /m));
  await run('docker pull mongo:3.2');
  t = await run('docker image ls -f since=mongo:3.2');
  soft(() => assert.match(t, /^REPOSITORY\s+TAG/m));
  soft(() => assert.doesNotMatch(t, /^mongo\s/m));
  t = await run('docker image ls --format "table {{.ID}}\\t{{.Repository}}\\t{{.Tag}}"');
  soft(() => assert.match(t, /^IMAGE ID\s+REPOSITORY\s+TAG$/m));
  await run('docker pull redis');
  t = await run('docker image rm $(docker image ls -q redis)');
  soft(() => assert.match(t, /^Untagged: redis:latest$/m));
  soft(() => assert.match(t, /^Deleted: sha256:[0-9a-f]{64}$/m));

  t = await run('docker create -it --name centos6_container -v /src/webapp:/opt/webapp centos:centos6');
  soft(() => assert.match(t, /^[0-9a-f]{64}$/m));
  t = await run('docker start -i centos6_container', ['cat /etc/redhat-release', 'ls -d /opt/webapp', 'exit']);
  soft(() => assert.match(t, /CentOS release 6\.10 \(Final\)/));
  soft(() => assert.match(t, /^\/opt\/webapp$/m));
  t = await run('docker save -o centos_images.tar centos:centos6');
  soft(() => assert.doesNotMatch(t, /Error|error/));
  // A container still uses the image: Docker refuses without -f.
  t = await run('docker image rm centos:centos6');
  soft(() => assert.match(t, /^Error response from daemon: conflict: unable to remove repository reference "centos:centos6" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}$/m));
  t = await run('docker image rm -f centos:centos6');
  soft(() => assert.match(t, /^Untagged: centos:centos6$/m));
  t = await run('docker load -i centos_images.tar');
  soft(() => assert.match(t, /^Loaded image: centos:centos6$/m));
  t = await run('docker export centos6_container > c.tar');
  soft(() => assert.doesNotMatch(t, /Error|error/));
  t = await run('docker import c.tar centos6:imported');
  soft(() => assert.match(t, /^sha256:[0-9a-f]{64}$/m));

  t = await run('docker run hello-world');
  soft(() => assert.match(t, /^Hello from Docker!$/m));
  t = await run('docker search httpd');
  soft(() => assert.match(t, /^NAME\s+DESCRIPTION\s+STARS\s+OFFICIAL$/m));
  soft(() => assert.match(t, /^httpd\s+The Apache HTTP Server Project\s+\d+\s+\[OK\]$/m));
  assert.deepEqual(failures, [], `${failures.join('\n')}\n\nthe session:\n${log.join('\n')}`);
  await done(page);
});
