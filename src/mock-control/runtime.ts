import type { Access, TokenPolicy } from '../auth/authenticate';
import type { MockStateSummary } from '../openapi/generated/schemas';
import type { MockState } from '../seed/scenario';
import type { StateTable } from '../store/state-table';
import { copyStore, STORE_TABLES, type Store } from '../store/store';

/**
 * The live state the API serves: the store (whose collections a scenario load swaps), the token policy,
 * and the scenario's name. `defaultTokens` (from --tokens) applies when a scenario names no tokens.
 */
export interface Runtime {
  scenario: string;
  /** The loaded scenario's description, which the state export repeats. */
  description?: string;
  store: Store;
  access: Access;
  defaultTokens: TokenPolicy;
}

/** Puts a built state in place; handlers read `store.events`, `store.tasks`… per request, so they see it at once. */
export function applyState(runtime: Runtime, state: MockState): void {
  for (const table of STORE_TABLES) (runtime.store as Record<(typeof STORE_TABLES)[number], unknown>)[table] = state.store[table];
  runtime.access.policy = state.tokens ?? runtime.defaultTokens;
  runtime.scenario = state.name;
  runtime.description = state.description;
}

/** A copy of a state that later writes do not reach (rows are immutable, so copying the lists is enough). */
export function copyState(state: MockState): MockState {
  return {
    name: state.name,
    description: state.description,
    store: copyStore(state.store),
    tokens: state.tokens,
  };
}

export function snapshotState(runtime: Runtime): MockState {
  return copyState({ name: runtime.scenario, description: runtime.description, store: runtime.store, tokens: runtime.access.policy });
}

/** The state in numbers: the scenario's name, a count per table of the version, and the tokens when listed. */
export function summarise(runtime: Runtime, tables: readonly Pick<StateTable, 'key' | 'summaryKey'>[]): MockStateSummary {
  const policy = runtime.access.policy;
  return {
    scenario: runtime.scenario,
    ...Object.fromEntries(tables.map((table) => [table.summaryKey, runtime.store[table.key].size])),
    ...(policy.mode === 'list' ? { tokens: policy.tokens.size } : {}),
  } as MockStateSummary;
}
