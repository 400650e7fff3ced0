// The smoke run's browser: CHROMIUM_PATH when it is set, else the headless Chromium inside the repository's
// @sparticuz/chromium devDependency (decision 021). run.mjs resolves it once and hands it to the consumer's scripts.
import sparticuz from '@sparticuz/chromium';

export async function chromiumExecutable() {
  return process.env.CHROMIUM_PATH || (await sparticuz.executablePath());
}

/** The flags every smoke browser starts with: off the network it cannot reach, runnable as root in CI. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
