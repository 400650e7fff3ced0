import type { Access, TokenPolicy } from '../auth/authenticate';
import type { MockStateSummary } from '../openapi/generated/schemas';
import type { MockState } from '../seed/scenario';
import { Collection } from '../store/collection';
import type { Store } from '../store/store';

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

/** Puts a built state in place; handlers read `store.events`/`store.systemTasks` per request, so they see it at once. */
export function applyState(runtime: Runtime, state: MockState): void {
  runtime.store.events = state.store.events;
  runtime.store.systemTasks = state.store.systemTasks;
  runtime.access.policy = state.tokens ?? runtime.defaultTokens;
  runtime.scenario = state.name;
  runtime.description = state.description;
}

/** A copy of a state that later writes do not reach (rows are immutable, so copying the lists is enough). */
export function copyState(state: MockState): MockState {
  const copy = <T>(from: Collection<T>, idOf: (row: T) => string) => {
    const to = new Collection<T>();
    for (const row of from.all()) to.set(idOf(row), row);
    return to;
  };
  return {
    name: state.name,
    description: state.description,
    store: { events: copy(state.store.events, (e) => e.pk), systemTasks: copy(state.store.systemTasks, (t) => t.uuid) },
    tokens: state.tokens,
  };
}

export function snapshotState(runtime: Runtime): MockState {
  return copyState({ name: runtime.scenario, description: runtime.description, store: runtime.store, tokens: runtime.access.policy });
}

export function summarise(runtime: Runtime): MockStateSummary {
  const policy = runtime.access.policy;
  return {
    scenario: runtime.scenario,
    system_tasks: runtime.store.systemTasks.size,
    events: runtime.store.events.size,
    ...(policy.mode === 'list' ? { tokens: policy.tokens.size } : {}),
  };
}
