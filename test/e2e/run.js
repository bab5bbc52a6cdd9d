#!/usr/bin/env node
// Browser tests: builds the web app, starts Gaodi on a free port with a fresh data folder
// and a small demo data set, waits for /api/health, runs test/e2e/*.spec.js with node:test
// (Playwright driving Debian's Chromium), stops the server and exits non-zero on failure.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('./', import.meta.url));
const RESULTS = join(ROOT, 'test-results');
const CHROMIUM = process.env.GAODI_E2E_CHROMIUM ?? '/usr/bin/chromium';
const HEALTH_TIMEOUT_MS = Number(process.env.GAODI_E2E_BOOT_TIMEOUT_MS ?? 240_000);

function log(message) {
  console.log(`[e2e] ${message}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function runCommand(command, args, options = {}, timeoutMs = 15 * 60_000) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    const timer = setTimeout(() => {
      console.error(`[e2e] ${args.join(' ').slice(0, 80)}… took longer than ${timeoutMs / 60_000} min; stopping it`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function waitForHealth(baseUrl, server) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode} before it was ready`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) {
        const body = await response.json();
        if (body?.status === 'ok') return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`GET /api/health did not answer within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.error(
      `[e2e] Chromium not found at ${CHROMIUM}. Install Debian's browser with \`apt-get install -y chromium fonts-wqy-microhei\` ` +
        '(or set GAODI_E2E_CHROMIUM to a Chromium binary). The browser tests did not run.',
    );
    return 1;
  }
  mkdirSync(RESULTS, { recursive: true });

  if (process.env.GAODI_E2E_SKIP_BUILD !== '1') {
    log('building the web app (vite build)…');
    const code = await runCommand(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
    if (code !== 0) {
      console.error('[e2e] vite build failed');
      return 1;
    }
  }

  // `node test/e2e/run.js service policies` runs only the specs whose names contain one of the words
  const only = process.argv.slice(2);
  const specs = readdirSync(HERE)
    .filter((f) => f.endsWith('.spec.js') && (only.length === 0 || only.some((word) => f.includes(word))))
    .sort()
    .map((f) => join(HERE, f));
  if (specs.length === 0) {
    console.error('[e2e] no test/e2e/*.spec.js files found');
    return 1;
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'gaodi-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const serverLog = createWriteStream(join(RESULTS, 'server.log'));
  log(`starting Gaodi on ${baseUrl} (data in ${dataDir}, server log in test-results/server.log)`);
  const server = spawn(process.execPath, [join(ROOT, 'bin/gaodi.js'), 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      GAODI_DATA_DIR: dataDir,
      GAODI_DEMO: '1',
      GAODI_DEMO_ENTERPRISES: process.env.GAODI_DEMO_ENTERPRISES ?? '300',
      GAODI_DEMO_PASSWORD: 'demo1234',
      TZ: 'Asia/Shanghai',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);

  let code = 1;
  try {
    await waitForHealth(baseUrl, server);
    log('server ready; running the specs');
    code = await runCommand(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...specs], {
      env: { ...process.env, GAODI_E2E_BASE_URL: baseUrl, GAODI_E2E_RESULTS: RESULTS, GAODI_E2E_CHROMIUM: CHROMIUM },
    });
  } catch (error) {
    console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}; see test-results/server.log`);
    code = 1;
  } finally {
    await stop(server);
    serverLog.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
  log(code === 0 ? 'all browser tests passed' : `browser tests FAILED (exit ${code})`);
  return code === 0 ? 0 : 1;
}

process.exitCode = await main();
