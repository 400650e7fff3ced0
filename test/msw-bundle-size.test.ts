import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// The browser bundle as a user gets it (issue 17): the package packed with `npm pack`, unpacked into an
// empty project's node_modules, and a page that starts msw's worker with the mock's handlers bundled by
// esbuild (minified, for the browser). Sizes are deterministic for a given lockfile, so this is a fair
// guard. The package's own dependencies resolve from this repository's node_modules, as the lockfile has them.
const root = join(__dirname, '..');
const KiB = 1024;
// Issue 17 set 250 / 150 KiB for one authentik version; issue 21 added 2025.8's spec, validators and fixtures
// (the version is chosen at run time, so every bundle carries both: about 40 KiB), hence 260 / 160. Issue 18's
// admin API (sessions, stubs, the dashboard's row endpoints) added 13 KiB of its validators and code: 270 / 170.
const GOAL_WHOLE = 270 * KiB;
const GOAL_MOCK = 170 * KiB;

const PAGE = `import { createHandlers } from 'authentik-events-mock/msw';
import { setupWorker } from 'msw/browser';
await setupWorker(...createHandlers().handlers).start();
`;
const MSW_ONLY = `import { http } from 'msw';
import { setupWorker } from 'msw/browser';
await setupWorker(http.all('*/api/v3/*', () => new Response('{}'))).start();
`;

let project: string;

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'src', 'msw.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  project = mkdtempSync(join(tmpdir(), 'msw-bundle-'));
  // --ignore-scripts: npm test has just built dist/; prepack would build it again.
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', project], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(project).find((name) => name.endsWith('.tgz'))!;
  execFileSync('tar', ['-xzf', tarball], { cwd: project });
  mkdirSync(join(project, 'node_modules'));
  renameSync(join(project, 'package'), join(project, 'node_modules', 'authentik-events-mock'));
}, 60_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

async function gzippedPage(contents: string): Promise<number> {
  const page = join(project, `page-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(page, contents);
  const result = await build({ entryPoints: [page], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error', nodePaths: [join(root, 'node_modules')] });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}

test('msw plus the mock from the packed tarball stay within 270 KiB gzipped, the mock within 170 KiB', async () => {
  const whole = await gzippedPage(PAGE);
  const mswAlone = await gzippedPage(MSW_ONLY);
  const sizes = { wholeKiB: Math.round(whole / KiB), mockKiB: Math.round((whole - mswAlone) / KiB) };
  // Both figures in the message, so that a failure says how far past the goal the bundle went.
  expect({ ...sizes, withinWhole: whole <= GOAL_WHOLE, withinMock: whole - mswAlone <= GOAL_MOCK }).toEqual({ ...sizes, withinWhole: true, withinMock: true });
}, 60_000);
