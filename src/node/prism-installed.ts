import { ConfigError } from '../config/config';
import { readPackageJson } from './package-json';

/** The optional peers that `--full-spec` loads; the rest of the mock never needs them. */
const PRISM_PACKAGES = ['@stoplight/prism-http', '@stoplight/prism-core'] as const;

/**
 * Stops start-up with one line that says what to install when `--full-spec` is asked for and Prism is not
 * there. Prism is an optional peer dependency (30 MB of the 106 MB a plain install used to bring), so that
 * users who only want the events API do not download it.
 */
export function assertPrismInstalled(resolve: (name: string) => string = require.resolve): void {
  const missing = PRISM_PACKAGES.filter((name) => {
    try {
      resolve(name);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  // The version ranges come from package.json (beside spec/), so the sentence never disagrees with it.
  const peers = readPackageJson().peerDependencies;
  const install = PRISM_PACKAGES.map((name) => `${name}@${peers[name]}`).join(' ');
  throw new ConfigError(`--full-spec needs Prism, an optional peer dependency that is not installed: npm install -D ${install}`);
}
