// spec/04-browser/run.js: the browser specs of the storefront, in headless Debian Chromium driven by
// playwright-core, run with node's built-in test runner (node:test, Node 20).
//
//   make browser                                       npm ci, then this on a throwaway database
//   .ci/with-test-db.sh node spec/04-browser/run.js    the same by hand (after npm ci in spec/04-browser)
//   DATABASE_URL=... GROCER_BIN=/tmp/b/grocer node spec/04-browser/run.js    on a database of yours
//
// One `grocer serve` for the whole run (server.js: migrate, seed, serve on a free loopback port,
// wait for /readyz, stop at the end, also on failure) and one Chromium (browser.js); each test
// opens its own browser context (its own cookies). The tests are tests/*_spec.js, one file per
// journey, each a function of the shared context that registers its tests. Full-page screenshots
// of every step land in build/screenshots/ (NN-step-lang.png), the server's logs in
// build/browser-logs/. CHROMIUM_PATH overrides /usr/bin/chromium.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { describe, before, after } = require('node:test');
const server = require('./server');
const browser = require('./browser');

const ctx = { server: null, browser: null };


async function shutdown() {
  const b = ctx.browser;
  const s = ctx.server;
  ctx.browser = null;
  ctx.server = null;
  if (b) {
    await b.close().catch(() => {});
  }
  if (s) {
    await s.stop();
  }
}


// Ctrl-C or a CI timeout: stop the server (server.js kills it on exit anyway) and Chromium.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    shutdown().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  });
}


describe('storefront in Chromium', { timeout: 600000 }, () => {
  before(async () => {
    browser.resetScreenshots();
    const t0 = Date.now();
    ctx.server = await server.start();
    ctx.browser = await browser.launch();
    const t = ctx.server.timings;
    process.stderr.write(`# grocer on ${ctx.server.base}: migrate ${t.migrateMs} ms, seed ${t.seedMs} ms, `
      + `ready ${t.readyMs} ms; Chromium ${ctx.browser.version()}; setup ${Date.now() - t0} ms\n`);
  }, { timeout: 420000 });

  after(async () => {
    const s = ctx.server;
    await shutdown();
    if (s && s.exitStatus !== undefined && s.exitStatus !== 0 && s.exitStatus !== 'SIGTERM') {
      process.stderr.write(`# grocer serve ended with ${s.exitStatus}\n${s.stderrTail()}\n`);
    }
    process.stderr.write(`# screenshots in ${path.relative(process.cwd(), browser.SHOT_DIR) || '.'}/\n`);
  });

  const dir = path.join(__dirname, 'tests');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('_spec.js')).sort()) {
    require(path.join(dir, file))(ctx);
  }
});
