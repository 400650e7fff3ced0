'use strict';
// The browser the tests and the consumer smoke run drive (decision 021): CHROMIUM_PATH when it is set, else
// the headless Chromium inside the @sparticuz/chromium devDependency, with the NSS libraries it links
// against (its al2023 archive), so that it needs nothing from the system but the C library.
//
// Everything is decompressed once into node_modules/.cache/sparticuz-chromium-<version>/ (not the shared
// temp directory, where another user's or another version's file could stand), and a marker written last
// says the copy is whole: an interrupted first run is redone, not reused.
const { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { pipeline } = require('node:stream/promises');
const { createBrotliDecompress } = require('node:zlib');
const tar = require('tar-fs');

/** The flags every test browser starts with: off the network it cannot reach, runnable as root in CI. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** `{ executablePath, env }`: the browser, and what its process needs in its environment. */
async function resolveChromium() {
  if (process.env.CHROMIUM_PATH) return { executablePath: process.env.CHROMIUM_PATH, env: {} };
  const packageDir = join(dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const cache = join(__dirname, '..', '..', 'node_modules', '.cache', `sparticuz-chromium-${version}`);
  const libraries = join(cache, 'al2023', 'lib');
  if (!existsSync(join(cache, 'complete'))) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    // sparticuz decompresses into os.tmpdir(), which reads TMPDIR on every call.
    const tmpdir = process.env.TMPDIR;
    process.env.TMPDIR = cache;
    try {
      await require('@sparticuz/chromium').executablePath();
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdir;
    }
    // sparticuz unpacks these libraries only on AWS Lambda; off it, Chromium would need the system's NSS.
    await pipeline(createReadStream(join(packageDir, 'bin', 'al2023.tar.br')), createBrotliDecompress(), tar.extract(join(cache, 'al2023')));
    writeFileSync(join(cache, 'complete'), `${version}\n`);
  }
  const path = process.env.LD_LIBRARY_PATH;
  return { executablePath: join(cache, 'chromium'), env: { LD_LIBRARY_PATH: path ? `${libraries}:${path}` : libraries } };
}

module.exports = { CHROMIUM_ARGS, resolveChromium };
