import { parseDjangoDatetime, type Micros } from '../python/py-datetime';
import type { Store } from './store';

/** What a row read from a scenario may need besides itself. */
export interface RowContext {
  /** The brand an event without one gets. */
  fallbackBrand: Record<string, unknown>;
  /** The mock's clock at the load: the time of a row that gives none (a task's mtime, a worker's last_seen). */
  now: Micros;
}

/** A scenario's lists, each one of the store's tables. */
export type StateKey = 'systemTasks' | 'events' | 'tasks' | 'schedules' | 'workers';

/**
 * How one table of the store goes into a scenario and comes back: what a scenario file, a state file, the
 * state export and the admin API's lists hold. Each resource describes its own table; a version profile
 * lists the tables it has, in the order the export writes them.
 */
export interface StateTable<R = unknown> {
  /** The scenario's key, which is also the store's table. */
  key: StateKey & keyof Store;
  /** The authentik schema every row's JSON must match (`SystemTask`, `Event`, `Task`…). */
  schema: string;
  /** The key of the admin API's state summary (`system_tasks`). */
  summaryKey: string;
  /** One row in words, for messages (`system task`). */
  noun: string;
  /** Fields holding JSON that a scenario's text is read into exactly (float literals, big ints, key order). */
  jsonFields: readonly string[];
  idOf(row: R): string;
  /** The row as authentik's API gives it; `store` for what it derives from other tables (a schedule's last task status). */
  toJson(row: R, store: Store): Record<string, unknown>;
  /** A scenario item with what it may leave out (derived fields) filled in, before it is validated. */
  complete?(item: Record<string, unknown>): Record<string, unknown>;
  /** A rule beyond the schema, on a valid item: the JSON pointer under the item and the rule it breaks. */
  check?(item: Record<string, unknown>): { pointer: string; rule: string } | undefined;
  /** The row of a valid item. */
  fromJson(item: Record<string, unknown>, context: RowContext): R;
  /** A key that must be unique besides the id (a system task's name and uid), and how to name it in a message. */
  unique?: { keyOf(row: R): string; describe(row: R): string; rule: string };
  /** The admin API's list of the table (what the dashboard shows) and, where authentik's API cannot add rows, its upsert. */
  admin?: {
    list: string;
    upsert?: string;
    /** The list's key in the answer (`system_tasks`). */
    listKey: string;
    order(rows: readonly R[]): R[];
    /** A row's text for authentik's own search (its search_fields: RowSearch.textOf), which the admin list's `search` applies. */
    searchText?(row: R): string;
    /** The row's values for the list's exact filters, by the query parameter's name (a 2025.8 task's state). */
    filterValues?(row: R): Record<string, string>;
    /** The operations on one row, by the path parameter that names it (the dashboard's row buttons). */
    row?: {
      param: string;
      remove: string;
      /** A system task's run, a task's retry: the row after it, or the sentence that refuses it. */
      run: { operationId: string; apply(row: R, now: Micros): R | string };
    };
  };
}

/** A scenario row's timestamp: validated as a date-time by its schema before `fromJson` reads it, so it parses. */
export function scenarioTime(text: string): Micros {
  return parseDjangoDatetime(text)!;
}
