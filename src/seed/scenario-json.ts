import { toJsonFieldValue } from '../drf/json-field';
import { parsePyJson, PyJsonError, type PyValue } from '../python/py-json';

/**
 * A scenario's JSON text (a file, a state file, `PUT /__mock__/state`) as data, with the JSON fields read
 * the way authentik reads a request body: an event's `user`, `context` and `brand` and a task's `messages`
 * keep float literals (`1.0`), ints beyond 2^53 and their key order, so that a state export loads back
 * unchanged. Everything else is plain JSON. `JSON.parse` reads the text first: its errors are the ones
 * reported, and a text only it accepts (a lone surrogate, `1e400`) loads as plain JSON.
 */
export function parseScenarioJson(text: string, tables: readonly JsonFieldsOf[]): unknown {
  const plain = JSON.parse(text) as unknown;
  let exact: PyValue;
  try {
    exact = parsePyJson(text);
  } catch (error) {
    if (error instanceof PyJsonError) return plain;
    throw error;
  }
  return withExactJsonFields(plain, exact, tables);
}

/** A table's scenario key and the fields of its rows that hold JSON (state-table.ts). */
export interface JsonFieldsOf {
  key: string;
  jsonFields: readonly string[];
}

/** The scenario `plain`, its records' JSON fields replaced by their exact reading from `exact`. */
function withExactJsonFields(plain: unknown, exact: PyValue, tables: readonly JsonFieldsOf[]): unknown {
  // The admin API's upserts take a bare list of rows: any table's JSON fields are read exactly.
  if (Array.isArray(plain) && Array.isArray(exact)) return replaceFields(plain, exact, [...new Set(tables.flatMap((table) => table.jsonFields))]);
  if (!isObject(plain) || !(exact instanceof Map)) return plain;
  const out = { ...plain };
  for (const table of tables) {
    const rows = exact.get(table.key);
    if (Array.isArray(out[table.key]) && Array.isArray(rows)) out[table.key] = replaceFields(out[table.key] as unknown[], rows, table.jsonFields);
  }
  return out;
}

function replaceFields(records: unknown[], exact: PyValue[], fields: readonly string[]): unknown[] {
  return records.map((record, i) => {
    const source = exact[i];
    if (!isObject(record) || !(source instanceof Map)) return record;
    const out = { ...record };
    for (const field of fields) if (source.has(field)) out[field] = toJsonFieldValue(source.get(field)!);
    return out;
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
