import { resolveChromium } from './chromium';

/**
 * Decompresses the test browser once, before the two workers start, so that they never unpack it into
 * the same place at once (chromium.ts). A failure here is reported, not thrown: the suites that need no
 * browser still run, and the browser suites fail with the same error when they resolve it.
 */
export default async function decompressChromium(): Promise<void> {
  try {
    await resolveChromium();
  } catch (error) {
    console.error(`the browser tests' Chromium could not be prepared: ${(error as Error).message}`);
  }
}
