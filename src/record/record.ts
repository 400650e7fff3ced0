import { toJsonFieldValue } from '../drf/json-field';
import { orjsonDumps } from '../python/orjson-dumps';
import { parsePyJson, PyJsonError, PyNumber, type PyObject, type PyValue } from '../python/py-json';
import { createRedactor } from './redact';

/** A recording that cannot be made: one line that says which URL and why. */
export class RecordError extends Error {}

export interface RecordOptions {
  /** The API root: `https://authentik.example/api/v3`. */
  from: string;
  token: string;
  /** How many of the newest events (default 1000). */
  events?: number;
  /** Only events created at or after this moment (ISO 8601). */
  since?: string;
  redact?: boolean;
  /** Progress lines (stderr for the CLI). */
  log?: (line: string) => void;
  /** Rows per page (100; tests page through small sets). */
  pageSize?: number;
  /** How long one page may take before it counts as a failed try (30 s). */
  timeoutMs?: number;
  /** Waits between retries; tests make it instant. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

const RETRIES = 4;

/**
 * `authentik-events-mock record`: reads a real authentik's system tasks (all) and newest events through its
 * API, page by page, read-only, and returns a scenario's JSON text that `--scenario` loads back. Bodies are
 * read as authentik writes them (float literals, big ints and key order kept) and written by the mock's
 * own JSON writer. No token is recorded. Three things authentik sends that its schema forbids are written
 * as the mock serves them (README, "knowingly differs"): a task's `uid: null` is left out, `description:
 * null` becomes "", and a never-run task's `log_level: ""` becomes `info`.
 */
export async function recordScenario(options: RecordOptions): Promise<string> {
  return (await recordTarget(options)).text;
}

/** A recording: the scenario's text and the rows in it, as served (verify plans its requests from the rows). */
export interface Recording {
  text: string;
  systemTasks: PyObject[];
  events: PyObject[];
  /** When the recording was finished (ISO 8601). */
  taken: string;
}

/** recordScenario's work, with the rows kept beside the text. */
export async function recordTarget(options: RecordOptions): Promise<Recording> {
  const root = options.from.replace(/\/+$/, '');
  const log = options.log ?? (() => undefined);
  const limit = options.events ?? 1000;
  const since = options.since === undefined ? undefined : Date.parse(options.since);
  if (since !== undefined && Number.isNaN(since)) throw new RecordError(`--since must be an ISO 8601 moment, not "${options.since}"`);
  const get = (path: string) => getPage(root, path, options.token, log, options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))), options.timeoutMs ?? 30_000);
  const pageSize = options.pageSize ?? 100;

  // (name, uid) is unique and a total order; a row that moves between two pages is kept once.
  const tasks = new Map<string, PyObject>();
  for (let page = 1; page > 0; ) {
    const body = await get(`/events/system_tasks/?ordering=name,uid&page_size=${pageSize}&page=${page}`);
    for (const task of body.results) tasks.set(`${String(task.get('name'))}\u0000${String(task.get('uid'))}`, task);
    log(`system tasks: ${tasks.size} of ${body.count}`);
    page = body.next;
  }
  // A live authentik keeps writing events: a new one pushes the rest down a page, so pks seen are skipped.
  const events = new Map<string, PyObject>();
  for (let page = 1; page > 0 && events.size < limit; ) {
    const body = await get(`/events/events/?ordering=-created&page_size=${pageSize}&page=${page}`);
    for (const event of body.results) {
      const created = Date.parse(String(event.get('created')));
      if (events.size >= limit || (since !== undefined && created < since)) {
        page = 0;
        break;
      }
      events.set(String(event.get('pk')), event);
    }
    log(`events: ${events.size}${since === undefined ? ` of ${Math.min(limit, body.count)}` : ''}`);
    if (page !== 0) page = body.next;
  }

  const redactor = options.redact ? createRedactor() : undefined;
  const taken = (options.now ?? (() => new Date()))().toISOString();
  const systemTasks = [...tasks.values()].map(asServed);
  const eventRows = [...events.values()].map((event) => (redactor ? redactEvent(event, redactor) : event));
  const scenario: PyObject = new Map<string, PyValue>([
    ['description', `recorded from ${root} at ${taken}: ${tasks.size} system tasks, the newest ${events.size} events${redactor ? ', redacted' : ''}`],
    ['systemTasks', systemTasks],
    ['events', eventRows],
  ]);
  return { text: orjsonDumps(toJsonFieldValue(scenario), true), systemTasks, events: eventRows, taken };
}

/** A system task as the mock serves it: what authentik sends against its schema, rewritten (README, "knowingly differs"); the proxy keeps an upstream's tasks the same way (src/upstream). */
export function asServed(task: PyObject): PyObject {
  const out = new Map(task);
  if (out.get('uid') === null) out.delete('uid');
  if (out.get('description') === null) out.set('description', '');
  const messages = out.get('messages');
  if (Array.isArray(messages)) {
    out.set(
      'messages',
      messages.map((message) => (message instanceof Map && message.get('log_level') === '' ? new Map([...message].map(([k, v]) => [k, k === 'log_level' ? 'info' : v])) : message)),
    );
  }
  return out;
}

function redactEvent(event: PyObject, redactor: ReturnType<typeof createRedactor>): PyObject {
  return new Map(
    [...event].map(([key, value]): [string, PyValue] => {
      if (key === 'user' || key === 'context') return [key, redactor.json(value) as PyValue];
      if (key === 'client_ip') return [key, redactor.address(value as string | null)];
      return [key, value];
    }),
  );
}

interface Page {
  count: number;
  next: number;
  results: PyObject[];
}

/** One page, retried on 429 and 5xx; anything that is not an authentik list stops the recording with one line. */
async function getPage(root: string, path: string, token: string, log: (line: string) => void, sleep: (ms: number) => Promise<void>, timeoutMs: number): Promise<Page> {
  const url = `${root}${path}`;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      if (timedOut && attempt < RETRIES) {
        log(`${url} did not answer within ${timeoutMs} ms; trying again`);
        continue;
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new RecordError(`cannot reach ${url}: ${timedOut ? `no answer within ${timeoutMs} ms, ${RETRIES} times` : (cause?.code ?? cause?.message ?? (error as Error).message)}`);
    }
    if (response.status === 429 || response.status >= 500) {
      if (attempt === RETRIES) throw new RecordError(`${url} answered ${response.status} ${RETRIES} times; giving up`);
      // A server that says when to come back (Retry-After, in seconds) is believed, up to a minute.
      const after = Number(response.headers.get('retry-after'));
      const wait = Number.isFinite(after) && after > 0 ? Math.min(after, 60) * 1000 : 500 * 2 ** (attempt - 1);
      log(`${url} answered ${response.status}; trying again in ${wait} ms`);
      await sleep(wait);
      continue;
    }
    const type = response.headers.get('content-type') ?? '';
    if (!type.startsWith('application/json')) throw new RecordError(`${url} is not authentik's API: it answered ${response.status} ${type || 'without a content type'}, not JSON`);
    let body: PyValue;
    try {
      body = parsePyJson(text);
    } catch (error) {
      if (error instanceof PyJsonError) throw new RecordError(`${url} is not authentik's API: its JSON does not parse (${error.message})`);
      throw error;
    }
    if (response.status !== 200) {
      const detail = body instanceof Map ? body.get('detail') : undefined;
      throw new RecordError(`${url} answered ${response.status}${typeof detail === 'string' ? `: ${detail}` : ''}${response.status === 403 ? ' (the token must be allowed to view events and system tasks)' : ''}`);
    }
    const pagination = body instanceof Map ? body.get('pagination') : undefined;
    const results = body instanceof Map ? body.get('results') : undefined;
    if (!(pagination instanceof Map) || !Array.isArray(results)) throw new RecordError(`${url} is not authentik's API: the answer has no pagination object and results list`);
    if (!results.every((row) => row instanceof Map)) throw new RecordError(`${url} is not authentik's API: a result is not an object`);
    return { count: toNumber(pagination.get('count')), next: toNumber(pagination.get('next')), results: results as PyObject[] };
  }
}

const toNumber = (value: PyValue | undefined): number => (value instanceof PyNumber ? value.toNumber() : 0);
