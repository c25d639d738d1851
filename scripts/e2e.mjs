#!/usr/bin/env node
// Runs the Playwright journeys against a fresh Hội server:
//   1. builds the web app when apps/web/dist is missing or older than its sources;
//   2. starts `hoi serve` on a free port with an empty temporary data directory (demo seeded);
//   3. waits for GET /api/health, runs `playwright test -c e2e/playwright.config.ts`;
//   4. stops the server and exits with Playwright's exit code.
// Extra arguments are passed to Playwright (e.g. `node scripts/e2e.mjs tree`).
// Chromium comes from Debian (`apt-get install -y chromium`); without it this script fails,
// unless HOI_SKIP_E2E=1. HOI_E2E_KEEP=1 keeps the temporary data directory and server log.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const HEALTH_TIMEOUT_MS = 120_000;
const ADMIN_PASSWORD = 'e2e-admin-password-1';
const DEMO_PASSWORD = 'demo-password-2026';

function log(message) {
  console.log(`[e2e] ${message}`);
}

function fail(message) {
  console.error(`[e2e] ${message}`);
  process.exit(1);
}

/** Newest modification time (ms) of the files under the given paths. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) {
        if (entry !== 'node_modules' && entry !== 'dist') visit(path.join(p, entry));
      }
    } else if (stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
    }
  };
  paths.forEach(visit);
  return newest;
}

function buildWebIfStale() {
  const web = path.join(ROOT, 'apps/web');
  const builtIndex = path.join(web, 'dist/index.html');
  const sources = [
    path.join(web, 'src'),
    path.join(web, 'public'),
    path.join(web, 'index.html'),
    path.join(web, 'vite.config.ts'),
    path.join(ROOT, 'packages/contracts/src'),
  ];
  const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
  if (builtAt >= newestMtime(sources)) {
    log('apps/web/dist is up to date');
    return;
  }
  log('building the web app (npm run build -w @hoi/web)');
  const result = spawnSync('npm', ['run', 'build', '-w', '@hoi/web'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) fail('the web build failed');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

async function waitForHealth(url, server, logFile) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(
        `the server exited early (${server.exitCode ?? server.signalCode}):\n${tail(logFile)}`,
      );
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no healthy server after ${HEALTH_TIMEOUT_MS / 1000} s:\n${tail(logFile)}`);
}

function stopServer(server) {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) return resolve();
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

function runPlaywright(url, extraArgs) {
  const cli = path.join(ROOT, 'node_modules/@playwright/test/cli.js');
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [cli, 'test', '-c', 'e2e/playwright.config.ts', ...extraArgs],
      {
        cwd: ROOT,
        stdio: 'inherit',
        env: {
          ...process.env,
          HOI_E2E_URL: url,
          HOI_ADMIN_PASSWORD: ADMIN_PASSWORD,
          HOI_DEMO_PASSWORD: DEMO_PASSWORD,
        },
      },
    );
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    if (process.env.HOI_SKIP_E2E === '1') {
      log(`skipped: ${CHROMIUM} is missing and HOI_SKIP_E2E=1`);
      return 0;
    }
    fail(
      `${CHROMIUM} not found. The journeys run in Debian's Chromium: ` +
        'install it with `apt-get update && apt-get install -y chromium` ' +
        '(or set HOI_SKIP_E2E=1 to skip them knowingly).',
    );
  }

  buildWebIfStale();

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoi-e2e-'));
  const logFile = path.join(dataDir, 'server.log');
  const logFd = fs.openSync(logFile, 'a');
  log(`starting the server on ${url} (data: ${dataDir})`);
  const server = spawn(process.execPath, [path.join(ROOT, 'apps/server/bin/hoi.js'), 'serve'], {
    cwd: ROOT,
    stdio: ['ignore', logFd, logFd],
    env: {
      ...process.env,
      PORT: String(port),
      HOI_DATA_DIR: path.join(dataDir, 'data'),
      HOI_ADMIN_PASSWORD: ADMIN_PASSWORD,
      HOI_DEMO_PASSWORD: DEMO_PASSWORD,
    },
  });

  const cleanUp = async () => {
    await stopServer(server);
    fs.closeSync(logFd);
    if (process.env.HOI_E2E_KEEP === '1') log(`kept ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = () => {
    void cleanUp().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let code;
  try {
    const started = Date.now();
    await waitForHealth(url, server, logFile);
    log(`server healthy after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    code = await runPlaywright(url, process.argv.slice(2));
    if (code !== 0) log(`server log (last lines):\n${tail(logFile)}`);
  } catch (error) {
    console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
    code = 1;
  } finally {
    await cleanUp();
  }
  return code;
}

process.exitCode = await main();
