// Measures the browser bundle a team gets from `authentik-events-mock/msw` + `msw/browser` (docs/benchmarks.md):
// esbuild, minified, for the browser; sizes minified and gzipped (zlib level 9). Each part's minified bytes come
// from esbuild's metafile; its gzipped cost is the whole bundle's gzip less the gzip of the bundle built with
// that part stubbed out, i.e. what leaving it out would save. msw is measured alone, the mock as the difference. Run after `npm run generate`:
//   node scripts/msw-build/measure-bundle.mjs
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENTRY = `
import { createHandlers } from 'authentik-events-mock/msw';
import { setupWorker } from 'msw/browser';
await setupWorker(...createHandlers().handlers).start();
`;
const MSW_ONLY = `
import { http } from 'msw';
import { setupWorker } from 'msw/browser';
await setupWorker(http.all('*/api/v3/*', () => new Response('{}'))).start();
`;

/** The parts reported, by the paths of the modules that make them up (as the metafile names them). */
const PARTS = [
  { name: 'response validators (ajv standalone code, generated)', match: /^src\/openapi\/generated\/response-validators(-[^/]+)?\.ts$/, stub: 'export const RESPONSE_VALIDATORS = {}, VALIDATORS = {};' },
  { name: 'ajv runtime helpers + ajv-formats formats', match: /^node_modules\/(ajv|ajv-formats|fast-uri|fast-deep-equal|json-schema-traverse)\//, stub: 'module.exports = {};' },
  { name: 'the spec and fixtures (bundled data)', match: /^src\/openapi\/generated\/bundled-data\.ts$/, stub: 'export const AUTHENTIK_SPECS = {}, MOCK_ADMIN_SPEC = {}, BUNDLED_SCENARIOS = {};' },
  { name: "faker's core (Faker, its modules and base data)", match: /^node_modules\/@faker-js\/faker\//, stub: 'export class Faker {}' },
  { name: "the seed's faker locale (4 en definitions, generated)", match: /^src\/seed\/generated\/seed-locale\.ts$/, stub: 'export const SEED_LOCALE = {};' },
];

/** Replaces some modules while bundling, to measure a part's cost or an alternative. */
function replacing(replacements) {
  return {
    name: 'replace',
    setup(build) {
      build.onLoad({ filter: /./ }, (args) => {
        const path = args.path.startsWith(`${root}/`) ? args.path.slice(root.length + 1) : args.path;
        const found = replacements.find((replacement) => replacement.match.test(path));
        return found ? { contents: found.stub, loader: path.endsWith('.ts') ? 'ts' : 'js', resolveDir: dirname(args.path) } : undefined;
      });
    },
  };
}

async function bundle(contents, replacements = []) {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'entry.mjs', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'error',
    alias: { 'authentik-events-mock': join(root, 'src') },
    plugins: [replacing(replacements)],
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs: Object.values(result.metafile.outputs)[0].inputs };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const whole = await bundle(ENTRY);
const mswOnly = await bundle(MSW_ONLY);
const rows = [];
let partsMinified = 0;
let partsGzipped = 0;
for (const part of PARTS) {
  const minified = Object.entries(whole.inputs).filter(([path]) => part.match.test(path)).reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  const gzipped = whole.gzipped - (await bundle(ENTRY, [part])).gzipped;
  partsMinified += minified;
  partsGzipped += gzipped;
  rows.push([`… ${part.name}`, kb(minified), kb(gzipped)]);
}
const mock = { minified: whole.minified - mswOnly.minified, gzipped: whole.gzipped - mswOnly.gzipped };
rows.unshift(['msw and its dependencies (alone: setupWorker and one handler)', kb(mswOnly.minified), kb(mswOnly.gzipped)], ['the mock (the whole less msw alone), of which:', kb(mock.minified), kb(mock.gzipped)]);
rows.push(["… the mock's own code (src/: core, pipeline, DRF and Python rules, resources), the rest", kb(mock.minified - partsMinified), kb(mock.gzipped - partsGzipped)]);

// The alternatives this bundle avoids, measured the same way.
const wholeEn = await bundle(ENTRY, [{ match: /^src\/seed\/generated\/seed-locale\.ts$/, stub: "import { en, base } from '@faker-js/faker'; export const SEED_LOCALE = [en, base];" }]);
const runtimeAjv = await bundle(ENTRY, [
  { match: /^src\/openapi\/bundled-contract\.ts$/, stub: "import { createContract } from './contract'; import { createBundledSpec } from './bundled-spec'; export const createBundledContract = (specFile, omitted) => createContract(createBundledSpec(specFile, omitted));" },
]);

console.log(`| part | minified | gzipped |\n|---|---|---|`);
console.log(`| **the whole bundle** | **${kb(whole.minified)}** | **${kb(whole.gzipped)}** |`);
for (const [name, minified, gzipped] of rows) console.log(`| ${name} | ${minified} | ${gzipped} |`);
console.log(`\n| instead | minified | gzipped | difference (gzipped) |\n|---|---|---|---|`);
console.log(`| faker's whole \`en\` locale instead of the 4 definitions | ${kb(wholeEn.minified)} | ${kb(wholeEn.gzipped)} | +${kb(wholeEn.gzipped - whole.gzipped)} |`);
console.log(`| ajv compiling at run time (needs eval) instead of standalone code | ${kb(runtimeAjv.minified)} | ${kb(runtimeAjv.gzipped)} | ${runtimeAjv.gzipped >= whole.gzipped ? '+' : '−'}${kb(Math.abs(runtimeAjv.gzipped - whole.gzipped))} |`);
