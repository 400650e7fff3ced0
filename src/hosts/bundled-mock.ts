import { createCore, type MockCore } from '../core/create-core';
import { ConfigError } from '../config/config';
import { configFromOptions, toCoreOptions, type MockOptions } from '../config/mock-options';
import { createBundledContract } from '../openapi/bundled-contract';
import { BUNDLED_SCENARIOS } from '../openapi/generated/bundled-data';
import { buildState, type MockState, type ScenarioCatalogue } from '../seed/scenario';
import { createFallbackBrand } from '../seed/seed-store';
import { profileFor } from '../versions/profiles';
import type { VersionProfile } from '../versions/version-profile';

/** Options of the hosts that run without files or sockets (fetch, MSW): no port, no files, no full schema. */
export type BundledMockOptions = Omit<MockOptions, 'port' | 'host' | 'stateFile' | 'fullSpec' | 'fallbackMode' | (typeof UPSTREAM_OPTIONS)[number]>;

// A browser cannot reach an authentik on another origin without that authentik's CORS: forwarding is for Node hosts.
const UPSTREAM_OPTIONS = ['upstream', 'upstreamToken', 'upstreamTimeout', 'proxy'] as const;

/** A version's fixtures as bundled data: what the browser and a worker can load by name. */
export function bundledCatalogue(version: VersionProfile = profileFor()): ScenarioCatalogue {
  const scenarios = BUNDLED_SCENARIOS[version.fixturesFolder] ?? {};
  const pathOf = (name: string) => `fixtures/${version.fixturesFolder === '' ? '' : `${version.fixturesFolder}/`}${name}.json`;
  return {
    list: () => Object.entries(scenarios).map(([name, data]) => ({ name, description: String((data as { description?: unknown }).description ?? ''), path: pathOf(name) })),
    read: (name) => (Object.hasOwn(scenarios, name) ? { source: pathOf(name), data: scenarios[name] } : undefined),
  };
}

/**
 * The mock built from the spec and fixtures compiled into the package, for hosts that cannot read files.
 * Options are checked as the CLI checks its flags; a scenario is a bundled name or an object.
 */
export function createBundledMock(options: BundledMockOptions = {}, log?: (line: string) => void): MockCore {
  for (const key of ['port', 'host', 'stateFile', 'fullSpec', 'fallbackMode', ...UPSTREAM_OPTIONS]) {
    if ((options as Record<string, unknown>)[key] !== undefined) throw new ConfigError(`${key} needs a Node host (startMock, the CLI or the middleware)`);
  }
  const config = configFromOptions(options, { port: 0 });
  const version = profileFor(config.authentikVersion);
  const contract = createBundledContract(version.specFile, version.omittedFields);
  const fallbackBrand = createFallbackBrand(config.seed);
  const catalogue = bundledCatalogue(version);
  let state: MockState;
  if (typeof options.scenario === 'object') state = { ...buildState('scenario option', options.scenario, contract, fallbackBrand, version), name: 'scenario option' };
  else if (config.scenario !== undefined) {
    const found = catalogue.read(config.scenario);
    if (!found) throw new ConfigError(`--scenario: no bundled scenario named "${config.scenario}" (bundled: ${catalogue.list().map((s) => s.name).join(', ')}); a file path needs a Node host`);
    state = { ...buildState(found.source, found.data, contract, fallbackBrand, version), name: config.scenario };
  } else state = { name: `seed ${config.seed}`, store: version.seed({ seed: config.seed, tasks: config.tasks, events: config.events }, fallbackBrand) };
  return createCore({
    version,
    store: state.store,
    contract,
    fallbackBrand,
    scenarios: catalogue,
    options: toCoreOptions(config, state),
    ...(log ? { log } : {}),
  });
}
