import type { ErrorObject } from 'ajv';
import { superuser, type Permission, type Principal, type TokenPolicy } from '../auth/authenticate';
import type { Contract } from '../openapi/contract';
import { describeAjvError } from '../openapi/describe-ajv-error';
import type { MockScenario } from '../openapi/generated/schemas';
import { JsonNumber } from '../python/json-number';
import type { Collection } from '../store/collection';
import type { StateTable } from '../store/state-table';
import { createStore, type Store } from '../store/store';

/** A scenario as a file holds it (the admin spec's `MockScenario`). */
export type ScenarioData = MockScenario;

/** What a scenario becomes: the store's content and, if the scenario names tokens, the token policy. */
export interface MockState {
  name: string;
  store: Store;
  tokens?: TokenPolicy;
  /** The scenario's own description; an export of the state keeps it, so an export loads back byte for byte. */
  description?: string;
}

/** One thing wrong in a scenario: where (a JSON pointer) and the rule it breaks. */
export interface ScenarioProblem {
  pointer: string;
  rule: string;
}

// A file with thousands of bad records still gets a line a person reads; `problems` holds them all.
const MAX_LISTED = 20;

/**
 * A scenario that cannot be loaded, with every problem found: `file: /json/pointer: rule`, or
 * `file: 3 problems: /a: rule; /b: rule; /c: rule`, on one line. The current state is untouched.
 */
export class ScenarioError extends Error {
  readonly problems: readonly ScenarioProblem[];

  constructor(source: string, pointer: string, rule: string);
  constructor(source: string, problems: readonly ScenarioProblem[]);
  constructor(source: string, pointerOrProblems: string | readonly ScenarioProblem[], rule = '') {
    const problems = typeof pointerOrProblems === 'string' ? [{ pointer: pointerOrProblems || '/', rule }] : pointerOrProblems;
    const listed = problems.slice(0, MAX_LISTED).map((problem) => `${problem.pointer || '/'}: ${problem.rule}`);
    const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
    super(problems.length === 1 ? `${source}: ${listed[0]}` : `${source}: ${problems.length} problems: ${listed.join('; ')}${more}`);
    this.problems = problems;
  }
}

/** Where scenarios come from: `fixtures/` on disk for the Node hosts, bundled data in a browser. */
export interface ScenarioCatalogue {
  list(): Array<{ name: string; description: string; path: string }>;
  /** A scenario's data and the source its errors name (a file path), or undefined when there is none by that name. */
  read(name: string): { source: string; data: unknown } | undefined;
}

/** Every ajv error as a problem under `prefix` (the validators collect all errors: allErrors). */
function toProblems(prefix: string, errors: ErrorObject[] | null | undefined): ScenarioProblem[] {
  return (errors ?? []).map((error) => ({ pointer: `${prefix}${error.instancePath}` || '/', rule: describeAjvError(error) }));
}

/** What a scenario is read against: the version's tables, in export order, and its seed for `generate`. */
export interface ScenarioShape {
  tables: readonly StateTable[];
  seed(options: { seed: number; tasks: number; events: number }, fallbackBrand: Record<string, unknown>): Store;
}

/**
 * Builds a state from scenario data, validating every record against the version's spec (`SystemTask`,
 * `Event`, `Task`…) and the scenario against `MockScenario`, and reports every problem at once. Builds a
 * new store: nothing current is touched, so a bad scenario leaves the running state as it was.
 */
export function buildState(source: string, data: unknown, contract: Contract, fallbackBrand: Record<string, unknown>, shape: ScenarioShape): MockState {
  const problems: ScenarioProblem[] = [];
  const validScenario = contract.schemaValidator('MockScenario');
  if (!validScenario(data)) {
    problems.push(...toProblems('', validScenario.errors));
    // Not an object, or lists that are not lists: there are no records to look into.
    const lists = data as Partial<Record<string, unknown>> | null;
    if (!lists || typeof lists !== 'object' || Array.isArray(lists) || shape.tables.some((table) => lists[table.key] !== undefined && !Array.isArray(lists[table.key]))) throw new ScenarioError(source, problems);
  }
  const scenario = data as ScenarioData;
  // A problem elsewhere (a misspelt key) does not stop the generated rows from being made and checked.
  const generate = problems.some((problem) => problem.pointer.startsWith('/generate')) ? undefined : scenario.generate;
  const store = generate ? shape.seed({ seed: generate.seed ?? 1, tasks: generate.tasks ?? 0, events: generate.events ?? 0 }, fallbackBrand) : createStore();

  for (const table of shape.tables) {
    const rows = store[table.key] as Collection<unknown>;
    const valid = contract.schemaValidator(table.schema);
    // Generated rows are checked too: a factory that drifts from the spec must stop the load, not reach a client.
    for (const row of rows.all()) {
      if (!valid(checkable(table.toJson(row, store)))) problems.push(...toProblems(`/generate (${table.noun} ${table.idOf(row)})`, valid.errors));
    }
    const keys = new Set(table.unique ? rows.all().map(table.unique.keyOf) : []);
    (((scenario as Record<string, unknown>)[table.key] as unknown[] | undefined) ?? []).forEach((raw, index) => {
      const pointer = `/${table.key}/${index}`;
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return; // MockScenario reported it
      const item = table.complete ? table.complete(raw as Record<string, unknown>) : (raw as Record<string, unknown>);
      if (!valid(checkable(item))) return void problems.push(...toProblems(pointer, valid.errors));
      const broken = table.check?.(item);
      if (broken) return void problems.push({ pointer: `${pointer}${broken.pointer}`, rule: broken.rule });
      const row = table.fromJson(item, fallbackBrand);
      if (table.unique) {
        const key = table.unique.keyOf(row);
        if (keys.has(key)) return void problems.push({ pointer, rule: `${table.unique.rule}; ${table.unique.describe(row)} is there twice` });
        keys.add(key);
      }
      rows.set(table.idOf(row), row);
    });
  }
  if (problems.length > 0) throw new ScenarioError(source, problems);

  const tokens = scenario.tokens
    ? ({
        mode: 'list',
        tokens: new Map(
          scenario.tokens.map((t): [string, Principal] => [t.token, t.superuser || !t.permissions ? superuser(t.token) : { token: t.token, superuser: false, permissions: new Set(t.permissions as Permission[]) }]),
        ),
      } as const)
    : undefined;
  return { name: source, store, tokens, ...(scenario.description === undefined ? {} : { description: scenario.description }) };
}

/** Builds a catalogue scenario by name; a name the catalogue lacks is undefined. */
export function loadCatalogueScenario(catalogue: ScenarioCatalogue, name: string, contract: Contract, fallbackBrand: Record<string, unknown>, shape: ScenarioShape): MockState | undefined {
  const found = catalogue.read(name);
  return found && { ...buildState(found.source, found.data, contract, fallbackBrand, shape), name };
}

/** The running state as a scenario that `PUT /__mock__/state` or `--scenario` loads back unchanged. */
export function toScenario(store: Store, tokens: TokenPolicy, description: string, tables: readonly StateTable[]): ScenarioData {
  const lists = Object.fromEntries(tables.map((table) => [table.key, (store[table.key] as Collection<unknown>).all().map((row) => table.toJson(row, store))]));
  return {
    description,
    ...lists,
    ...(tokens.mode === 'list'
      ? { tokens: [...tokens.tokens.values()].map((p) => (p.superuser ? { token: p.token, superuser: true } : { token: p.token, permissions: [...p.permissions] })) }
      : {}),
  };
}

/**
 * A record as ajv should see it: the JSON fields' Python numbers (JsonFloat, JsonInt) as the plain numbers
 * they stand for. ajv takes a class instance for an object, so `"attributes": 1.5` would pass as one.
 */
function checkable(value: unknown): unknown {
  if (value instanceof JsonNumber) return value.toJSON();
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(checkable);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, checkable(item)]));
}

/** `22 system tasks, 250 events`: the count of every table of the version, in its order, as the banners say it. */
export function describeCounts(store: Store, tables: readonly StateTable[]): string {
  return tables.map((table) => `${store[table.key].size} ${table.noun}${store[table.key].size === 1 ? '' : 's'}`).join(', ');
}
