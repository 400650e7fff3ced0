// The consumer smoke test (.ci/run): packs the package, installs the tarball into an empty project, and checks
// that what a team installs works as `npm start` does: the bin, startMock from ESM and CJS, the middleware in
// an Express app (before and behind express.json()), the fetch handler, the MSW handlers in a page in Chromium,
// the types and the dashboard. The probes below must answer byte for byte as the repository's own server;
// authentik's client and the contract suite must pass.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchWithRetry } from './fetch-retry.mjs';
import { PROBES, PROBES_2025_8, probe } from './probes.mjs';
import { exerciseClient } from './client.mjs';
import { DASHBOARD_PATHS, dashboardAsset, openDashboard } from './dashboard.mjs';
import resolver from '../chromium/resolve-chromium.cjs';

// Every fetch of this script, authentik's client's too, survives the keep-alive race (fetch-retry.mjs).
globalThis.fetch = fetchWithRetry;

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'mock-consumer-'));
const TOKEN = 'smoke-token';
// The installed package's baseline of authentik 2024.8's deviations, which the mock reproduces (decision 013).
const BASELINE = join('node_modules', 'authentik-events-mock', 'contract-tests', 'baselines', 'authentik-2024.8.json');
// The browser for the MSW page and the dashboard, decompressed once (scripts/chromium/), handed to the
// consumer's script with its flags and the environment it needs.
const chromium = await resolver.resolveChromium();
const CHROMIUM = { CHROMIUM_PATH: chromium.executablePath, CHROMIUM_ARGS: JSON.stringify(resolver.CHROMIUM_ARGS), ...chromium.env };
const running = [];
let failures = 0;
let passes = 0;

const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const check = async (label, fn) => {
  try {
    await fn();
    passes++;
    console.log(`ok   ${label}`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${label}\n     ${String(error.message ?? error).split('\n').join('\n     ')}`);
  }
};

/** Each probe's answer from one server, in order. */
async function probeAll(server, probes) {
  const answers = [];
  for (const request of probes) answers.push(await probe(server.origin, request, TOKEN));
  return answers;
}

/** A host answers every probe byte for byte as npm start did (`expected`). */
const checkProbes = (host, probes, expected) =>
  check(`${host.label}: ${probes.length} probes answer byte for byte as npm start`, async () => {
    for (const [i, request] of probes.entries()) {
      const got = await probe(host.origin, request, TOKEN);
      if (got !== expected[i]) throw new Error(`${request.method} ${request.path}\n--- npm start\n${expected[i]}\n--- ${host.label}\n${got}`);
    }
  });

/** Starts a process that prints `ready <origin>` and keeps serving until SIGTERM. */
function serve(label, command, args, cwd, env = {}) {
  // Its own process group: `npx` starts the bin as a child of its own, and both must stop at the end.
  const child = spawn(command, args, { cwd, env: { ...process.env, SMOKE_TOKEN: TOKEN, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = /(?:ready|listening on) (http:\/\/[\d.:]+)/.exec(output);
      if (match) resolve({ label, origin: match[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${label} exited (${code}) before serving:\n${output}`)));
  });
}

try {
  console.log(`consumer project: ${work}`);
  const tarball = join(work, run("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", work], repo).trim().split('\n').pop());
  const project = join(work, 'consumer');
  cpSync(join(repo, 'scripts', 'consumer-smoke', 'consumer'), project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
  // dist/ is fresh (npm test built it), so packing skips the prepack build. The versions the repository tested with, from npm's cache where `npm ci` put them.
  // msw (the optional peer), esbuild, authentik's client and playwright-core for the MSW page in Chromium, at the versions installed here.
  const tested = (name) => `${name}@${JSON.parse(readFileSync(join(repo, 'node_modules', name, 'package.json'), 'utf8')).version}`;
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, 'express@5', 'typescript@5.9', '@types/node@20', ...['msw', 'esbuild', '@goauthentik/api', 'playwright-core'].map(tested)], project);

  await check('a plain `npm install -D` of the tarball in an empty project takes at most 60 MB (issue 17)', () => {
    const plain = join(work, 'plain');
    mkdirSync(plain);
    writeFileSync(join(plain, 'package.json'), JSON.stringify({ name: 'plain', private: true, version: '1.0.0' }));
    run('npm', ['install', '-D', '--no-audit', '--no-fund', '--prefer-offline', tarball], plain);
    const megabytes = Number(run('du', ['-sm', 'node_modules'], plain).split('\t')[0]);
    const packages = run('npm', ['ls', '--all', '--parseable'], plain).trim().split('\n').length - 1;
    console.log(`     plain install: ${megabytes} MB in ${packages} packages`);
    if (!(megabytes <= 60)) throw new Error(`node_modules is ${megabytes} MB`);
  });
  await check('the TypeScript consumer type-checks (every entry point, skipLibCheck off)', () => run('npx', ['--no-install', 'tsc', '-p', 'tsconfig.json'], project));
  await check('the fetch handler answers a Request', () => run('node', ['fetch-handler.mjs'], project));
  await check('the MSW handlers answer under setupServer in Node ESM', () => run('node', ['msw-node.mjs'], project));
  await check('the middleware behind express.json(): valid POST, one warning, host routes after it', () => run('node', ['behind-json-parser.cjs'], project));
  await check('the bin prints usage for --help and exits 0', () => {
    const usage = run('npx', ['--no-install', 'authentik-events-mock', '--help'], project);
    if (!usage.startsWith('usage: authentik-events-mock')) throw new Error(usage);
  });

  const reference = await serve('npm start (the repository)', 'node', [join(repo, 'dist', 'src', 'cli.js'), '--port', '0', '--tokens', TOKEN, '--quiet'], repo);
  const hosts = await Promise.all([
    serve('npx authentik-events-mock', 'npx', ['--no-install', 'authentik-events-mock', '--port', '0', '--tokens', TOKEN, '--quiet'], project),
    serve('startMock() from ESM', 'node', ['serve-esm.mjs'], project),
    serve('startMock() from CJS', 'node', ['serve-cjs.cjs'], project),
    serve('the middleware in an Express app', 'node', ['serve-express.cjs'], project),
  ]);
  await check("MSW in Chromium: an esbuild page (no Node polyfills) under script-src 'self' gets npm start's bodies", () =>
    execFileSync('node', ['msw-browser.mjs'], { cwd: project, env: { ...process.env, SMOKE_TOKEN: TOKEN, REFERENCE_API: `${reference.origin}/api/v3`, ...CHROMIUM }, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' }),
  );
  const expected = await probeAll(reference, PROBES);
  for (const host of hosts) {
    await checkProbes(host, PROBES, expected);
    await check(`${host.label}: authentik's client lists, creates, fetches and patches`, () => exerciseClient(`${host.origin}/api/v3`, TOKEN));
    await check(`${host.label}: the installed contract suite passes`, () => run('npx', ['--no-install', 'authentik-events-contract', '--base-url', `${host.origin}/api/v3`, '--token', TOKEN, '--runs', '20', '--baseline', BASELINE], project));
  }
  // authentik 2025.8 (--authentik-version, authentikVersion): the bin and startMock answer as npm start does.
  const reference2025 = await serve('npm start -- --authentik-version 2025.8', 'node', [join(repo, 'dist', 'src', 'cli.js'), '--authentik-version', '2025.8', '--port', '0', '--tokens', TOKEN, '--quiet'], repo);
  const hosts2025 = await Promise.all([
    serve('npx authentik-events-mock --authentik-version 2025.8', 'npx', ['--no-install', 'authentik-events-mock', '--authentik-version', '2025.8', '--port', '0', '--tokens', TOKEN, '--quiet'], project),
    serve("startMock({ authentikVersion: '2025.8' }) from ESM", 'node', ['serve-esm.mjs'], project, { SMOKE_AUTHENTIK_VERSION: '2025.8' }),
  ]);
  const expected2025 = await probeAll(reference2025, PROBES_2025_8);
  for (const host of hosts2025) await checkProbes(host, PROBES_2025_8, expected2025);
  // The dashboard ships in the package (dist/ui): every host serves the page and its assets as npm start does.
  for (const host of hosts) {
    await check(`${host.label}: the dashboard at /__mock__/ and its assets answer as npm start`, async () => {
      for (const path of DASHBOARD_PATHS) {
        const [want, got] = await Promise.all([dashboardAsset(reference.origin, path), dashboardAsset(host.origin, path)]);
        if (!want.startsWith('200\n')) throw new Error(`npm start does not serve ${path}:\n${want.slice(0, 400)}`);
        if (got !== want) throw new Error(`${path}\n--- npm start\n${want.slice(0, 400)}\n--- ${host.label}\n${got.slice(0, 400)}`);
      }
    });
  }
  await check('npx authentik-events-mock: the dashboard runs in Chromium from the installed package', () => openDashboard(hosts[0].origin));
  await check("the README's GitHub Actions contract step, as written, passes against the installed mock", async () => {
    const job = /<!-- contract-ci-job -->\n```yaml\n([\s\S]*?)```/.exec(readFileSync(join(repo, 'README.md'), 'utf8'))?.[1];
    // The step's `run: >` block, folded as YAML folds it: its lines joined by spaces.
    const folded = /\n(\s+)run: >\n((?:\1  .*\n)+)/.exec(job ?? '');
    if (!folded) throw new Error('README.md: no <!-- contract-ci-job --> block with a `run: >` step');
    const command = folded[2].trim().split(/\n\s*/).join(' ');
    const target = await serve('npx authentik-events-mock with three tokens', 'npx', ['--no-install', 'authentik-events-mock', '--port', '0', '--quiet', '--tokens', `${TOKEN},smoke-viewer:view_event+view_systemtask,smoke-nobody:`], project);
    const summary = join(work, 'step-summary.md');
    writeFileSync(summary, '');
    execFileSync('bash', ['-euo', 'pipefail', '-c', command], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, CONTRACT_BASE_URL: `${target.origin}/api/v3`, CONTRACT_TOKEN: TOKEN, CONTRACT_VIEWER_TOKEN: 'smoke-viewer', CONTRACT_NO_PERMISSION_TOKEN: 'smoke-nobody', GITHUB_STEP_SUMMARY: summary },
    });
    if (!readFileSync(summary, 'utf8').startsWith('## Contract suite: passed')) throw new Error(`the step summary is not a passed verdict:\n${readFileSync(summary, 'utf8').slice(0, 400)}`);
    if (!readFileSync(join(project, 'contract-junit.xml'), 'utf8').startsWith('<?xml')) throw new Error('no contract-junit.xml');
  });
  const express = hosts.at(-1);
  await check('the Express app still answers its own route after the mock', async () => {
    const res = await fetch(`${express.origin}/host-route`);
    const body = await res.text();
    if (res.status !== 200 || body !== '{"host":true}') throw new Error(`${res.status} ${body}`);
  });
} catch (error) {
  failures++;
  console.log(`FAIL ${error.stack ?? error}`);
} finally {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  rmSync(work, { recursive: true, force: true });
}
console.log(`consumer smoke: ${passes} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
