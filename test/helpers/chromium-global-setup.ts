import { chromiumExecutable } from './chromium';

/** Resolves the test browser once for the whole run (see chromium.ts); the workers inherit CHROMIUM_PATH. */
export default async function resolveChromium(): Promise<void> {
  process.env.CHROMIUM_PATH = await chromiumExecutable();
}
