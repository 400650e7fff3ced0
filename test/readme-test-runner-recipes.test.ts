import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { resolveChromium } from './helpers/chromium';

// The README's vitest, jest and Playwright recipes ("Recipes: vitest, jest, Playwright"), each written file
// for file, exactly as it stands there, into a fresh project and run by its runner with 4 workers. Their
// example tests expect exact counts in their own sessions, so a fault, stub or write that reached another
// worker's session fails them.
//
// The projects live under test-output/ (git ignores it; neither the repository's jest roots nor its
// tsconfig include it), so that node finds vitest, vite, jest, @playwright/test and @goauthentik/api in
// the repository's node_modules; node_modules/authentik-events-mock in each holds this checkout's
// package.json and the build its `exports` point at (dist/, esm/), which `npm test` makes first.
const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The files of one recipe: each marked block's first line names its path (`// path` or `<!-- path -->`). */
function recipeFiles(recipe: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const [, name, body] of readme.matchAll(/<!-- recipe: (\w+) -->\n```\w+\n([\s\S]*?)```\n/g)) {
    if (name !== recipe) continue;
    const path = /^(?:\/\/ (\S+)|<!-- (\S+) -->)\n/.exec(body!);
    if (!path) throw new Error(`a ${recipe} block of the README does not name its file on its first line: ${body!.split('\n')[0]}`);
    files.set(path[1] ?? path[2]!, body!);
  }
  return files;
}

function writeProject(recipe: string, packageJson: object): string {
  mkdirSync(join(root, 'test-output'), { recursive: true });
  const project = mkdtempSync(join(root, 'test-output', `recipe-${recipe}-`));
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ private: true, ...packageJson })}\n`);
  // The package as npm installs it: its files in node_modules/, where Playwright's loader leaves them as
  // they are (it compiles files outside node_modules, and cannot load this package's build that way).
  for (const path of ['package.json', 'dist/src', 'dist/ui', 'esm', 'spec', 'fixtures']) {
    cpSync(join(root, path), join(project, 'node_modules', 'authentik-events-mock', path), { recursive: true });
  }
  for (const [path, body] of recipeFiles(recipe)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), body);
  }
  return project;
}

/**
 * Runs `npx …` in the project, as the README says to; resolves with its exit code and output. The runner
 * sees none of this jest's variables (Playwright refuses to run when JEST_WORKER_ID is set).
 */
function npx(project: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  const outside = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('JEST_')));
  return new Promise((resolve) => {
    execFile('npx', args, { cwd: project, env: { ...outside, CI: '1', FORCE_COLOR: '0', ...env }, timeout: 170_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: `${stdout}\n${stderr}` });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** The most files that ran at one moment, from each file's start and end (ms). */
function mostAtOnce(files: { startTime: number; endTime: number }[]): number {
  return Math.max(...files.map(({ startTime }) => files.filter((other) => other.startTime <= startTime && startTime < other.endTime).length));
}

const projects: string[] = [];
afterAll(() => projects.forEach((project) => rmSync(project, { recursive: true, force: true })));

test('the README names the files of each recipe', () => {
  expect([...recipeFiles('vitest').keys()]).toEqual(['vitest.config.ts', 'test/mock-global-setup.ts', 'test/mock-session.ts', 'test/faults.test.ts', 'test/stubs.test.ts', 'test/writes.test.ts', 'test/tasks.test.ts']);
  expect([...recipeFiles('jest').keys()]).toEqual(['jest.config.js', 'test/mock-global-setup.js', 'test/mock-global-teardown.js', 'test/mock-session.js', 'test/faults.test.js', 'test/stubs.test.js', 'test/writes.test.js', 'test/tasks.test.js']);
  expect([...recipeFiles('playwright').keys()]).toEqual(['playwright.config.ts', 'vite.config.ts', 'index.html', 'src/main.ts', 'e2e/fixtures.ts', 'e2e/events.spec.ts', 'e2e/faults.spec.ts', 'e2e/stubs.spec.ts', 'e2e/tasks.spec.ts']);
});

test('the vitest recipe: 8 tests in 4 files pass with 4 workers against one mock', async () => {
  const project = writeProject('vitest', { type: 'module' });
  projects.push(project);
  const run = await npx(project, ['vitest', 'run', '--maxWorkers=4', '--reporter=default', '--reporter=json', '--outputFile.json=result.json']);
  if (run.code !== 0) throw new Error(`vitest exited with ${run.code}:\n${run.output}`);
  const result = JSON.parse(readFileSync(join(project, 'result.json'), 'utf8')) as { numTotalTests: number; numPassedTests: number; testResults: { startTime: number; endTime: number }[] };
  expect({ files: result.testResults.length, tests: result.numTotalTests, passed: result.numPassedTests }).toEqual({ files: 4, tests: 8, passed: 8 });
  // Side by side, not one after another: workers shared the one mock at the same time.
  expect(mostAtOnce(result.testResults)).toBeGreaterThanOrEqual(2);
}, 180_000);

test('the jest recipe: 8 tests in 4 files pass with 4 workers against one mock', async () => {
  const project = writeProject('jest', {});
  projects.push(project);
  const run = await npx(project, ['jest', '--maxWorkers=4', '--json', '--outputFile=result.json']);
  if (run.code !== 0) throw new Error(`jest exited with ${run.code}:\n${run.output}`);
  const result = JSON.parse(readFileSync(join(project, 'result.json'), 'utf8')) as { numTotalTestSuites: number; numTotalTests: number; numPassedTests: number; testResults: { startTime: number; endTime: number }[] };
  expect({ files: result.numTotalTestSuites, tests: result.numTotalTests, passed: result.numPassedTests }).toEqual({ files: 4, tests: 8, passed: 8 });
  expect(mostAtOnce(result.testResults)).toBeGreaterThanOrEqual(2);
}, 180_000);

test('the Playwright recipe: 8 tests in 4 files pass with 4 workers against one Vite dev server', async () => {
  const project = writeProject('playwright', { type: 'module' });
  projects.push(project);
  const { executablePath, env } = await resolveChromium();
  const run = await npx(project, ['playwright', 'test', '--workers=4', '--reporter=list,json'], {
    ...env,
    CHROMIUM_PATH: executablePath,
    PORT: String(await freePort()),
    PLAYWRIGHT_JSON_OUTPUT_NAME: 'result.json',
  });
  if (run.code !== 0) throw new Error(`playwright exited with ${run.code}:\n${run.output}`);
  interface Suite { specs: { tests: { results: { status: string; parallelIndex: number }[] }[] }[] }
  const result = JSON.parse(readFileSync(join(project, 'result.json'), 'utf8')) as { suites: Suite[]; stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  expect({ files: result.suites.length, ...result.stats }).toEqual({ files: 4, expected: 8, unexpected: 0, flaky: 0, skipped: 0, startTime: expect.any(String), duration: expect.any(Number) });
  const results = result.suites.flatMap((suite) => suite.specs.flatMap((spec) => spec.tests.flatMap((t) => t.results)));
  expect(results.map((r) => r.status)).toEqual(Array(8).fill('passed'));
  // The tests ran side by side: four workers at once, each with its own sessions on the one server.
  expect(new Set(results.map((r) => r.parallelIndex)).size).toBe(4);
}, 180_000);
