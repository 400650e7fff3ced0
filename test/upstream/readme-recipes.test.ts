import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMock, type RunningMock } from '../../src/index';

// The README's --upstream and --proxy recipes, each line run by bash exactly as written, in a project that
// has the package installed as npm installs it. The one change: a second mock stands in for the real
// authentik at https://authentik.example/api/v3. AK_TOKEN and PORT come from the environment, as for a user.
const root = join(__dirname, '..', '..');
const README = readFileSync(join(root, 'README.md'), 'utf8');
const recipe = (name: string) => new RegExp(`<!-- ${name} -->\\n\`\`\`sh\\n([\\s\\S]*?)\`\`\``).exec(README)![1]!.trim().split('\n');
const AUTH = { Authorization: 'Bearer frontend-token' };

let real: RunningMock;
let project: string;
beforeAll(async () => {
  real = await startMock({ quiet: true, seed: 11, events: 6, fullSpec: true });
  project = mkdtempSync(join(tmpdir(), 'upstream-recipe-'));
  mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(root, join(project, 'node_modules', 'authentik-events-mock'));
  const bin = join(project, 'node_modules', '.bin', 'authentik-events-mock');
  writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'dist', 'src', 'cli.js')}" "$@"\n`);
  chmodSync(bin, 0o755);
});
afterAll(async () => {
  await real.close();
  rmSync(project, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs one line of a recipe until the mock's banner, with the real authentik's URL in place of authentik.example. */
async function runLine(line: string): Promise<{ apiUrl: string; output: () => string; stop(): Promise<string> }> {
  const port = await freePort();
  const child = spawn('bash', ['-euo', 'pipefail', '-c', line.replaceAll('https://authentik.example/api/v3', real.apiUrl)], {
    cwd: project,
    env: { ...process.env, AK_TOKEN: 'ak-secret-token', PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(' listening on ')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((how) => reject(new Error(`${line} ended (${how}) before listening:\n${output}`)));
  });
  return {
    apiUrl: `http://127.0.0.1:${port}/api/v3`,
    output: () => output,
    // Ctrl-C: the terminal sends SIGINT to the whole group. The server stops cleanly (and writes --state-file);
    // npx then exits 130 as npm does after SIGINT, and bash, interrupted too, ends by the signal.
    stop: () => (process.kill(-child.pid!, 'SIGINT'), exited),
  };
}

const json = async (url: string) => (await fetch(url, { headers: AUTH })).json() as Promise<{ pagination: { count: number }; results: unknown[] }>;

test('the --upstream recipe serves authentik’s other APIs from the upstream with $AK_TOKEN, and the events from the mock', async () => {
  const [line, ...rest] = recipe('upstream-recipe');
  expect(rest).toEqual([]);
  const mock = await runLine(line!);
  try {
    const direct = await (await fetch(`${real.apiUrl}/core/applications/`, { headers: AUTH })).text();
    const through = await fetch(`${mock.apiUrl}/core/applications/`, { headers: AUTH });
    expect([through.status, await through.text()]).toEqual([200, direct]);
    // Newest first: the forwarded request carried $AK_TOKEN, not the frontend's token.
    const [seen] = await real.admin.requests({ operationId: 'core_applications_list' });
    expect(seen!.request_headers.authorization).toBe('Bearer ak-s…');
    expect([(await json(`${mock.apiUrl}/events/events/`)).pagination.count, (await json(`${real.apiUrl}/events/events/`)).pagination.count]).toEqual([250, 6]);
  } finally {
    expect(await mock.stop()).toBe('SIGINT');
  }
}, 90_000);

test('the --proxy recipe records what was browsed into browsed.json, and its second line serves it offline', async () => {
  const [proxyLine, offlineLine, ...rest] = recipe('proxy-recipe');
  expect(rest).toEqual([]);
  const proxy = await runLine(proxyLine!);
  let browsed: { results: unknown[] };
  try {
    browsed = await json(`${proxy.apiUrl}/events/events/?page_size=4`);
    expect(browsed.results).toEqual((await json(`${real.apiUrl}/events/events/?page_size=4`)).results);
  } finally {
    expect(await proxy.stop()).toBe('SIGINT');
  }
  expect(existsSync(join(project, 'browsed.json'))).toBe(true);
  const offline = await runLine(offlineLine!);
  try {
    const served = await json(`${offline.apiUrl}/events/events/?page_size=4`);
    expect([served.pagination.count, served.results]).toEqual([4, browsed.results]);
  } finally {
    expect(await offline.stop()).toBe('SIGINT');
  }
}, 90_000);
