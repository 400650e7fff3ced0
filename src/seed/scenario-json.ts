import { toJsonFieldValue } from '../drf/json-field';
import { parsePyJson, PyJsonError, type PyValue } from '../python/py-json';

/**
 * A scenario's JSON text (a file, a state file, `PUT /__mock__/state`) as data, with the JSON fields read
 * the way authentik reads a request body: an event's `user`, `context` and `brand` and a task's `messages`
 * keep float literals (`1.0`), ints beyond 2^53 and their key order, so that a state export loads back
 * unchanged. Everything else is plain JSON. `JSON.parse` reads the text first: its errors are the ones
 * reported, and a text only it accepts (a lone surrogate, `1e400`) loads as plain JSON.
 */
export function parseScenarioJson(text: string): unknown {
  const plain = JSON.parse(text) as unknown;
  let exact: PyValue;
  try {
    exact = parsePyJson(text);
  } catch (error) {
    if (error instanceof PyJsonError) return plain;
    throw error;
  }
  return withExactJsonFields(plain, exact);
}

const EVENT_JSON_FIELDS = ['user', 'context', 'brand'];
const TASK_JSON_FIELDS = ['messages'];

/** The scenario `plain`, its records' JSON fields replaced by their exact reading from `exact`. */
function withExactJsonFields(plain: unknown, exact: PyValue): unknown {
  // POST /__mock__/system-tasks takes a bare list of tasks.
  if (Array.isArray(plain) && Array.isArray(exact)) return replaceFields(plain, exact, TASK_JSON_FIELDS);
  if (!isObject(plain) || !(exact instanceof Map)) return plain;
  const out = { ...plain };
  const tasks = exact.get('systemTasks');
  const events = exact.get('events');
  if (Array.isArray(out.systemTasks) && Array.isArray(tasks)) out.systemTasks = replaceFields(out.systemTasks, tasks, TASK_JSON_FIELDS);
  if (Array.isArray(out.events) && Array.isArray(events)) out.events = replaceFields(out.events, events, EVENT_JSON_FIELDS);
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
