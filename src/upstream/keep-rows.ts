import { toJsonFieldValue } from '../drf/json-field';
import type { Contract } from '../openapi/contract';
import type { Operation } from '../openapi/operations';
import { orjsonDumps } from '../python/orjson-dumps';
import { parsePyJson, type PyObject, type PyValue } from '../python/py-json';
import { asServed } from '../record/record';
import { buildState, type ScenarioShape } from '../seed/scenario';
import { parseScenarioJson } from '../seed/scenario-json';
import type { Collection } from '../store/collection';
import type { StateTable } from '../store/state-table';
import type { Store } from '../store/store';

/** What turning answers into rows needs: the mock's own contract (its scenario schema) and the version's tables. */
export interface RowKeeperDeps {
  contract: Contract;
  fallbackBrand: Record<string, unknown>;
  shape: ScenarioShape;
}

/** Puts the rows of one answer (its status and JSON text) into the store; returns why they could not be kept, or undefined. */
export type RowKeeper = (operation: Operation, status: number, text: string, store: Store) => string | undefined;

const SCHEMA_REF = '#/components/schemas/';

/**
 * `--proxy`: the rows of an upstream's 2xx answer that is a page or one row of one of the store's tables
 * (a list, a detail, a created or updated event; system tasks; tasks and schedules in 2025.8) go into the store, so that the state export after a browsing
 * session is a recording. They take the way `record` and `--scenario` take: the answer's JSON read exactly
 * (float literals, big ints, key order), written as a scenario and loaded by buildState, which checks every
 * row as a scenario's. Which table an operation answers with comes from its schema (`PaginatedEventList`,
 * `Event`), so a new list of a known table needs nothing here.
 */
export function createRowKeeper(deps: RowKeeperDeps): RowKeeper {
  const { tables } = deps.shape;
  return (operation, status, text, store) => {
    const answered = tableOf(operation, status, tables);
    if (!answered) return undefined;
    const { table } = answered;
    try {
      const body = parsePyJson(text);
      const rows = answered.list ? (body instanceof Map ? body.get('results') : undefined) : [body];
      if (!Array.isArray(rows)) return undefined;
      // A system task as authentik writes it breaks its own schema in three known ways; record serves it the mock's way.
      const items = table.key === 'systemTasks' ? rows.map((row) => (row instanceof Map ? asServed(row) : row)) : rows;
      const scenario: PyObject = new Map<string, PyValue>([[table.key, items]]);
      const data = parseScenarioJson(orjsonDumps(toJsonFieldValue(scenario)), tables);
      const state = buildState(`the answer to ${operation.operationId}`, data, deps.contract, deps.fallbackBrand, deps.shape);
      const into = store[table.key] as Collection<unknown>;
      for (const row of (state.store[table.key] as Collection<unknown>).all()) into.set(table.idOf(row), row);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
}

/** The table whose rows the operation answers with on this status, and whether as a page of them or as one. */
function tableOf(operation: Operation, status: number, tables: readonly StateTable[]): { table: StateTable; list: boolean } | undefined {
  const ref = operation.responses[String(status)]?.content?.['application/json']?.schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith(SCHEMA_REF)) return undefined;
  const name = ref.slice(SCHEMA_REF.length);
  for (const table of tables) {
    if (name === table.schema) return { table, list: false };
    if (name === `Paginated${table.schema}List`) return { table, list: true };
  }
  return undefined;
}
