import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import sparticuz from '@sparticuz/chromium';

/**
 * The browser the tests drive: CHROMIUM_PATH when it is set, else the headless Chromium that @sparticuz/chromium
 * carries inside its npm package, decompressed into the temp directory on first use (about 2 s). Nothing downloads
 * a browser and nothing needs apt (decision 021). jest's global setup resolves it once, before the workers start,
 * so two workers never decompress it at the same time.
 */
export async function chromiumExecutable(): Promise<string> {
  return process.env.CHROMIUM_PATH || (await sparticuz.executablePath());
}

/** Where browser tests save their screenshots: test-output/<name>/ at the top of the checkout (git ignores it). */
export function screenshotDir(name: string): string {
  const dir = join(__dirname, '..', '..', 'test-output', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Starts headless Chromium (playwright gives it a fresh temporary profile). The flags keep it off the network
 * it cannot reach here (background updates, sync, QUIC) and let it run as root in CI. sparticuz's own flag list
 * is not used: it turns off web security, which the CSP tests depend on.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumExecutable(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
