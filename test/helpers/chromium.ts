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
