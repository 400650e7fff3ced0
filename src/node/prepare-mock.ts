import { existsSync } from 'node:fs';
import type { ScenarioCatalogue } from '../seed/scenario';
import type { CoreDeps } from '../core/create-core';
import { SHIPPED_FULL_SPEC, type Config } from '../config/config';
import { toCoreOptions } from '../config/mock-options';
import { createPrismFallback, type PrismFallback } from '../fallback/prism-fallback';
import { type Contract } from '../openapi/contract';
import { loadFullSpec, type FullSpec } from './full-spec';
import { createUpstream } from '../upstream/create-upstream';
import { createRowKeeper } from '../upstream/keep-rows';
import { assertPrismInstalled } from './prism-installed';
import { SpecError } from '../openapi/spec-document';
import { buildState, type MockState } from '../seed/scenario';
import { createFallbackBrand } from '../seed/seed-store';
import { profileFor } from '../versions/profiles';
import type { VersionProfile } from '../versions/version-profile';
import { fixturesCatalogue, loadScenario, loadStateFile } from './scenario-files';
import { loadDashboardAssets } from './dashboard-files';
import { loadContract, findSpecPath } from './spec-files';

/** What a Node host builds the mock from: the core's dependencies, with fixtures/ and Prism as Node provides them. */
export interface AppDeps extends Omit<CoreDeps, 'scenarios' | 'fullSpec'> {
  /** Scenarios the admin API loads by name; default: fixtures/ on disk. */
  scenarios?: ScenarioCatalogue;
  /** A whole authentik schema, its operations we do not implement answered by Prism (`--full-spec`). */
  fullSpec?: { contract: Contract; fallback: PrismFallback };
}

/** Everything a Node host needs to build the mock from a configuration, read from disk once. */
export interface PreparedMock {
  version: VersionProfile;
  deps: AppDeps;
  contract: Contract;
  state: MockState;
  full?: FullSpec;
  fallback?: PrismFallback;
}

export interface PrepareOptions {
  /** A scenario given as data (startMock's `scenario` object) instead of a name or path. */
  scenarioData?: unknown;
  log?: (line: string) => void;
  onRequest?: AppDeps['onRequest'];
  /**
   * The address the mock itself listens on (the CLI, startMock), for the Host allow-list and the warning when
   * it is not loopback; none for the middleware, whose host server listens where it likes.
   */
  listenHost?: string;
}

/**
 * Reads the spec, the full schema, the scenario or state file, and seeds the store. A bad spec, schema,
 * scenario or state file throws SpecError or ScenarioError naming the file, the JSON path and the rule.
 */
export function prepareMock(config: Config, options: PrepareOptions = {}): PreparedMock {
  const log = options.log ?? ((line: string) => console.error(line));
  const version = profileFor(config.authentikVersion);
  let contract: Contract;
  try {
    contract = loadContract(version);
  } catch (error) {
    if (error instanceof SpecError) throw error;
    // ajv compiles every schema here, so a schema it rejects stops start-up with the rule it broke.
    throw new SpecError(`${findSpecPath(version)}: ${(error as Error).message}`);
  }
  // --upstream routes and checks with the whole schema too (decision 028), but the upstream answers, not Prism.
  const { upstream } = config;
  if (config.fullSpec !== undefined && !upstream) assertPrismInstalled();
  const full = config.fullSpec === undefined && !upstream ? undefined : loadFullSpec(config.fullSpec ?? SHIPPED_FULL_SPEC, version);
  const fallback = full && !upstream ? createPrismFallback(full.spec, { mode: config.fallbackMode, seed: config.seed, log }) : undefined;
  const fallbackBrand = createFallbackBrand(config.seed);
  // A state file that exists wins: it holds the situation prepared before the last shutdown.
  const state: MockState =
    config.stateFile !== undefined && existsSync(config.stateFile)
      ? loadStateFile(config.stateFile, contract, fallbackBrand, version)
      : config.scenario === undefined && options.scenarioData !== undefined
        ? { ...buildState('scenario option', options.scenarioData, contract, fallbackBrand, version), name: 'scenario option' }
        : config.scenario !== undefined
          ? loadScenario(config.scenario, contract, fallbackBrand, version)
          : upstream?.proxy
            ? // Behind --proxy the mock answers nothing itself: the store starts empty, and what is browsed fills it.
              { name: 'proxy recording', store: version.seed({ seed: config.seed, tasks: 0, events: 0 }, fallbackBrand) }
            : { name: `seed ${config.seed}`, store: version.seed({ seed: config.seed, tasks: config.tasks, events: config.events }, fallbackBrand) };
  return {
    version,
    contract,
    state,
    full,
    fallback,
    deps: {
      version,
      store: state.store,
      contract,
      fullSpec: full && fallback && { contract: full.contract, fallback },
      upstream: upstream && full && createUpstream({ ...upstream, spec: full.spec, contract: full.contract, keepRows: createRowKeeper({ contract, fallbackBrand, shape: version }), bodyLimit: config.bodyLimit }),
      fallbackBrand,
      scenarios: fixturesCatalogue(version),
      dashboard: loadDashboardAssets(),
      log,
      onRequest: options.onRequest,
      options: toCoreOptions(config, state, options.listenHost),
    },
  };
}

/** The core's dependencies for a Node host: fixtures/ from disk unless told otherwise, Prism's handler for the fallback. */
export function toCoreDeps(deps: AppDeps): CoreDeps {
  return { ...deps, scenarios: deps.scenarios ?? fixturesCatalogue(deps.version), fullSpec: deps.fullSpec && { contract: deps.fullSpec.contract, fallback: deps.fullSpec.fallback.handle } };
}

