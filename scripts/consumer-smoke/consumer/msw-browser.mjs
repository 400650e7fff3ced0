// MSW in a browser, from the installed tarball: bundles msw-page.mjs with esbuild for the browser (no Node
// polyfills, nothing left external), serves it under `Content-Security-Policy: script-src 'self'` with the
// worker script `npx msw init` copies, runs it in the Chromium run.mjs names in CHROMIUM_PATH, with its flags (CHROMIUM_ARGS) and library path, and checks that authentik's client got
// the same bodies there as from `npm start` (REFERENCE_API).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { clientBodies } from './client-bodies.mjs';

const token = process.env.SMOKE_TOKEN;
const CSP = "script-src 'self'";

execFileSync('npx', ['--no-install', 'msw', 'init', 'public', '--no-save'], { stdio: 'ignore' });
// platform 'browser': esbuild refuses Node's built-ins and injects no polyfills, so a clean build is the check.
const bundle = await build({ entryPoints: ['msw-page.mjs'], bundle: true, platform: 'browser', format: 'esm', minify: true, write: false, metafile: true, logLevel: 'error' });
const externals = Object.values(bundle.metafile.outputs).flatMap((output) => output.imports.map((entry) => entry.path));
assert.deepEqual(externals, [], 'the page bundle imports nothing from outside itself');

const files = {
  '/': ['text/html; charset=utf-8', '<!doctype html><title>msw smoke</title><script type="module" src="/page.js"></script><pre id="bodies"></pre>'],
  '/page.js': ['text/javascript; charset=utf-8', bundle.outputFiles[0].contents],
  '/mockServiceWorker.js': ['text/javascript; charset=utf-8', readFileSync('public/mockServiceWorker.js')],
};
const site = createServer((req, res) => {
  const file = files[new URL(req.url, 'http://x').pathname];
  if (!file) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': file[0], 'Content-Security-Policy': CSP }).end(file[1]);
});
await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH, args: JSON.parse(process.env.CHROMIUM_ARGS) });
try {
  const context = await browser.newContext();
  // Set by DevTools before the page runs, so the policy does not stop it.
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(`${event.effectiveDirective} refused ${event.blockedURI}`));
  });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${site.address().port}/?token=${encodeURIComponent(token)}`);
  await page.locator('#bodies').filter({ hasText: /./ }).waitFor({ timeout: 30_000 });
  const shown = await page.locator('#bodies').innerText();
  assert.ok(!shown.startsWith('error:'), shown);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'nothing was refused under script-src self');
  assert.deepEqual(JSON.parse(shown), await clientBodies(process.env.REFERENCE_API, token));
  console.log(`msw page: ${Math.round(bundle.outputFiles[0].contents.length / 1024)} KiB minified, ${Object.keys(JSON.parse(shown)).length} client bodies as npm start's`);
} finally {
  await browser.close();
  site.close();
}
