// spec/04-browser/server.js: the real grocer under the browser specs. Prepares the test database
// (`grocer migrate up`, then `grocer seed`, a no-op on a seeded database), starts `grocer serve` on a
// free loopback port in its own process group, waits until /readyz answers 200 and the catalog pages
// stop answering 503 ("catalog loading"), and stops it again: SIGTERM to the group, SIGKILL after
// 10 s, and SIGKILL at once when this process exits some other way (a crash, Ctrl-C).
//
// The database is DATABASE_URL from the environment (make test and .ci/with-test-db.sh set it); the
// binary is $GROCER_BIN (default build/grocer). Runtime state (the admin socket) goes to a temporary
// GROCER_VAR; the server's stdout (access log) and stderr go to build/browser-logs/.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const LOG_DIR = path.join(ROOT, 'build', 'browser-logs');

// Servers started and not stopped yet: killed by the exit handler below.
const live = new Set();


function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}


function tail(file, max = 4000) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.length > max ? '...' + text.slice(-max) : text;
  } catch (err) {
    return `(no ${file}: ${err.code})`;
  }
}


// A port nothing listens on now: bind port 0 on loopback, read it, close.
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}


// GET http://127.0.0.1:port/path without following redirects: {status, headers, body}.
function get(port, urlPath, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'),
      }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}


// Runs `grocer ARGS...` to its end (migrate, seed); throws with its output when it fails.
function runGrocer(bin, args, env, timeoutMs) {
  const t0 = Date.now();
  const r = spawnSync(bin, args, { cwd: ROOT, env, encoding: 'utf8', timeout: timeoutMs });
  if (r.error || r.status !== 0) {
    throw new Error(`${bin} ${args.join(' ')} failed (${r.error ? r.error.message : 'exit ' + r.status})\n`
      + `${(r.stdout || '').slice(-2000)}${(r.stderr || '').slice(-4000)}`);
  }
  return Date.now() - t0;
}


function killGroup(pid, sig) {
  try {
    process.kill(-pid, sig);
    return true;
  } catch {
    return false;
  }
}


class Server {
  constructor(bin, port, child, varDir, logs) {
    this.bin = bin;
    this.port = port;
    this.child = child;
    this.varDir = varDir;
    this.logs = logs;
    this.base = `http://127.0.0.1:${port}`;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      this.exitStatus = signal || code;
      resolve();
    }));
  }

  get running() {
    return this.exitStatus === undefined;
  }

  stderrTail(max) {
    return tail(this.logs.stderr, max);
  }

  // SIGTERM to the process group (master and workers), SIGKILL after 10 s; idempotent.
  async stop() {
    if (this.running) {
      killGroup(this.child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(this.child.pid, 'SIGKILL'), 10000);
      await this.exited;
      clearTimeout(timer);
    }
    killGroup(this.child.pid, 'SIGKILL');   // a worker left behind by a crashed master
    live.delete(this);
    fs.rmSync(this.varDir, { recursive: true, force: true });
  }
}


// Migrates and seeds DATABASE_URL, then serves the app at the repository root. Resolves to a
// Server once /readyz is 200 and GET /vi/ is no longer 503; rejects (with the server's stderr) and
// leaves nothing running otherwise. opts: workers (2), readyTimeoutMs (90000).
async function start(opts = {}) {
  const dbUrl = process.env.DATABASE_URL;
  if (!dbUrl) {
    throw new Error('DATABASE_URL is not set: run `make browser` (a throwaway cluster) or '
      + '`.ci/with-test-db.sh node spec/04-browser/run.js`');
  }
  const bin = path.resolve(ROOT, process.env.GROCER_BIN || 'build/grocer');
  if (!fs.existsSync(bin)) {
    throw new Error(`${bin} not found: build it first (make)`);
  }
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'grocer-browser-'));
  const env = { ...process.env, DATABASE_URL: dbUrl, GROCER_VAR: varDir };

  const migrateMs = runGrocer(bin, ['migrate', 'up', '--app', ROOT], env, 120000);
  const seedMs = runGrocer(bin, ['seed', '--app', ROOT], env, 300000);

  fs.mkdirSync(LOG_DIR, { recursive: true });
  const logs = {
    stdout: path.join(LOG_DIR, 'serve.stdout.log'),
    stderr: path.join(LOG_DIR, 'serve.stderr.log'),
  };
  const port = await freePort();
  const out = fs.openSync(logs.stdout, 'w');
  const err = fs.openSync(logs.stderr, 'w');
  const child = spawn(bin, ['serve', '--listen', `127.0.0.1:${port}`,
    '--workers', String(opts.workers || 2), '--app', ROOT], {
    cwd: ROOT, env, detached: true, stdio: ['ignore', out, err],
  });
  fs.closeSync(out);
  fs.closeSync(err);
  const server = new Server(bin, port, child, varDir, logs);
  live.add(server);

  const t0 = Date.now();
  const deadline = t0 + (opts.readyTimeoutMs || 90000);
  let last = 'no answer';
  try {
    for (;;) {
      if (!server.running) {
        throw new Error(`grocer serve exited (${server.exitStatus}) before it was ready`);
      }
      try {
        const ready = await get(port, '/readyz');
        last = `/readyz ${ready.status}`;
        if (ready.status === 200) {
          // Ready means app loaded and database reachable; the worker's read model may still be
          // loading the catalog, which the pages answer with 503.
          const home = await get(port, '/vi/');
          last = `/vi/ ${home.status}`;
          if (home.status !== 503) {
            break;
          }
        }
      } catch (e) {
        last = e.message;
      }
      if (Date.now() > deadline) {
        throw new Error(`grocer serve not ready after ${opts.readyTimeoutMs || 90000} ms (${last})`);
      }
      await sleep(100);
    }
  } catch (e) {
    await server.stop();
    e.message += `\n--- grocer stderr ---\n${server.stderrTail()}`;
    throw e;
  }
  server.timings = { migrateMs, seedMs, readyMs: Date.now() - t0 };
  return server;
}


process.on('exit', () => {
  for (const s of live) {
    killGroup(s.child.pid, 'SIGKILL');
    fs.rmSync(s.varDir, { recursive: true, force: true });
  }
});


module.exports = { start, get, ROOT, LOG_DIR };
