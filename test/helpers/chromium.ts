import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

// One resolver for the tests and the consumer smoke run (decision 021).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const resolver = require('../../scripts/chromium/resolve-chromium.cjs') as {
  CHROMIUM_ARGS: string[];
  resolveChromium(): Promise<{ executablePath: string; env: Record<string, string> }>;
};

export const resolveChromium = resolver.resolveChromium;

/** Where browser tests save their screenshots: test-output/<name>/ at the top of the checkout (git ignores it). */
export function screenshotDir(name: string): string {
  const dir = join(__dirname, '..', '..', 'test-output', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Starts headless Chromium (playwright gives it a fresh temporary profile). sparticuz's own flags turn off web security, which the CSP tests depend on, so ours are used. */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, env } = await resolver.resolveChromium();
  return chromium.launch({ executablePath, headless: true, args: resolver.CHROMIUM_ARGS, env: { ...process.env, ...env } as Record<string, string> });
}

/**
 * One Chromium for a test file: launched before its tests (a cold start takes seconds), closed after them.
 * Read `.browser` inside a test, once it is there.
 */
export function useChromium(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);
  afterAll(() => browser?.close());
  return {
    get browser() {
      if (!browser) throw new Error('Chromium is not running: read .browser inside a test');
      return browser;
    },
  };
}
