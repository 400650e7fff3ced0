import { createCore, type MockCore } from '../core/create-core';
import { ConfigError } from '../config/config';
import { configFromOptions, toCoreOptions, type MockOptions } from '../config/mock-options';
import { createBundledContract } from '../openapi/bundled-contract';
import { BUNDLED_SCENARIOS } from '../openapi/generated/bundled-data';
import { buildState, type MockState, type ScenarioCatalogue } from '../seed/scenario';
import { createFallbackBrand, seedStore } from '../seed/seed-store';

/** Options of the hosts that run without files or sockets (fetch, MSW): no port, no files, no full schema. */
export type BundledMockOptions = Omit<MockOptions, 'port' | 'host' | 'stateFile' | 'fullSpec' | 'fallbackMode'>;

/** fixtures/ as bundled data: what the browser and a worker can load by name. */
export const bundledCatalogue: ScenarioCatalogue = {
  list: () =>
    Object.entries(BUNDLED_SCENARIOS).map(([name, data]) => ({ name, description: String((data as { description?: unknown }).description ?? ''), path: `fixtures/${name}.json` })),
  read: (name) => (Object.hasOwn(BUNDLED_SCENARIOS, name) ? { source: `fixtures/${name}.json`, data: BUNDLED_SCENARIOS[name] } : undefined),
};

/**
 * The mock built from the spec and fixtures compiled into the package, for hosts that cannot read files.
 * Options are checked as the CLI checks its flags; a scenario is a bundled name or an object.
 */
export function createBundledMock(options: BundledMockOptions = {}): MockCore {
  for (const key of ['port', 'host', 'stateFile', 'fullSpec', 'fallbackMode']) {
    if ((options as Record<string, unknown>)[key] !== undefined) throw new ConfigError(`${key} needs a Node host (startMock, the CLI or the middleware)`);
  }
  const config = configFromOptions(options, { port: 0 });
  const contract = createBundledContract();
  const fallbackBrand = createFallbackBrand(config.seed);
  let state: MockState;
  if (typeof options.scenario === 'object') state = { ...buildState('scenario option', options.scenario, contract, fallbackBrand), name: 'scenario option' };
  else if (config.scenario !== undefined) {
    const found = bundledCatalogue.read(config.scenario);
    if (!found) throw new ConfigError(`--scenario: no bundled scenario named "${config.scenario}" (bundled: ${Object.keys(BUNDLED_SCENARIOS).join(', ')}); a file path needs a Node host`);
    state = { ...buildState(found.source, found.data, contract, fallbackBrand), name: config.scenario };
  } else state = { name: `seed ${config.seed}`, store: seedStore({ seed: config.seed, tasks: config.tasks, events: config.events }, fallbackBrand) };
  return createCore({
    store: state.store,
    contract,
    fallbackBrand,
    scenarios: bundledCatalogue,
    options: toCoreOptions(config, state),
  });
}
