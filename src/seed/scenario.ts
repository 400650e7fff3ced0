import type { ErrorObject } from 'ajv';
import { toJsonbValue } from '../drf/jsonb';
import { toPostgresInet } from '../drf/postgres-inet';
import { toEventJson } from '../events/to-event-json';
import { superuser, type Permission, type Principal, type TokenPolicy } from '../auth/authenticate';
import type { Contract } from '../openapi/contract';
import { describeAjvError } from '../openapi/describe-ajv-error';
import type { Event, LogEvent, MockScenario, SystemTask } from '../openapi/generated/schemas';
import { JsonNumber } from '../python/json-number';
import { days, parseDjangoDatetime } from '../python/py-datetime';
import { toCanonicalUuid } from '../python/py-uuid';
import type { EventRecord, SystemTaskRecord } from '../store/records';
import { createStore, type Store } from '../store/store';
import { fullName, taskIdentity, toSystemTaskJson } from '../system-tasks/to-system-task-json';
import { seedStore } from './seed-store';

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

/**
 * Builds a state from scenario data, validating every record against the spec (`SystemTask`, `Event`)
 * and the scenario against `MockScenario`, and reports every problem at once. Builds a new store: nothing
 * current is touched, so a bad scenario leaves the running state as it was.
 */
export function buildState(source: string, data: unknown, contract: Contract, fallbackBrand: Record<string, unknown>): MockState {
  const problems: ScenarioProblem[] = [];
  const validScenario = contract.schemaValidator('MockScenario');
  if (!validScenario(data)) {
    problems.push(...toProblems('', validScenario.errors));
    // Not an object, or lists that are not lists: there are no records to look into.
    const shape = data as Partial<Record<'systemTasks' | 'events', unknown>> | null;
    if (!shape || typeof shape !== 'object' || Array.isArray(shape) || [shape.systemTasks, shape.events].some((list) => list !== undefined && !Array.isArray(list))) throw new ScenarioError(source, problems);
  }
  const scenario = data as ScenarioData;
  // A problem elsewhere (a misspelt key) does not stop the generated rows from being made and checked.
  const generate = problems.some((problem) => problem.pointer.startsWith('/generate')) ? undefined : scenario.generate;
  const store = generate ? seedStore({ seed: generate.seed ?? 1, tasks: generate.tasks ?? 0, events: generate.events ?? 0 }, fallbackBrand) : createStore();

  const validTask = contract.schemaValidator('SystemTask');
  const validEvent = contract.schemaValidator('Event');
  // Generated rows are checked too: a factory that drifts from the spec must stop the load, not reach a client.
  for (const task of store.systemTasks.all()) {
    if (!validTask(checkable(toSystemTaskJson(task)))) problems.push(...toProblems(`/generate (system task ${task.uuid})`, validTask.errors));
  }
  for (const event of store.events.all()) {
    if (!validEvent(checkable(toEventJson(event)))) problems.push(...toProblems(`/generate (event ${event.pk})`, validEvent.errors));
  }
  const names = new Set(store.systemTasks.all().map(taskIdentity));
  (scenario.systemTasks ?? []).forEach((item, index) => {
    const raw = item as Record<string, unknown>;
    const pointer = `/systemTasks/${index}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return; // MockScenario reported it
    const task = { ...raw, full_name: raw.full_name ?? fullName({ name: String(raw.name), uid: raw.uid as string | undefined }) };
    if (!validTask(checkable(task))) return void problems.push(...toProblems(pointer, validTask.errors));
    const typed = task as unknown as SystemTask;
    if (typed.full_name !== fullName(typed)) return void problems.push({ pointer: `${pointer}/full_name`, rule: `must be "${fullName(typed)}" (name:uid, or name without a uid)` });
    const key = taskIdentity(typed);
    if (names.has(key)) return void problems.push({ pointer, rule: `(name, uid) must be unique; ${typed.full_name} is there twice` });
    names.add(key);
    const record = toTaskRecord(typed);
    store.systemTasks.set(record.uuid, record);
  });

  (scenario.events ?? []).forEach((raw, index) => {
    const pointer = `/events/${index}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return; // MockScenario reported it
    if (!validEvent(checkable(raw))) return void problems.push(...toProblems(pointer, validEvent.errors));
    const record = toEventRecord(raw as unknown as Event, fallbackBrand);
    store.events.set(record.pk, record);
  });
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
export function loadCatalogueScenario(catalogue: ScenarioCatalogue, name: string, contract: Contract, fallbackBrand: Record<string, unknown>): MockState | undefined {
  const found = catalogue.read(name);
  return found && { ...buildState(found.source, found.data, contract, fallbackBrand), name };
}

// Timestamps in fixtures are validated as date-times first, so they parse.
const micros = (text: string) => parseDjangoDatetime(text)!;

function toTaskRecord(task: SystemTask): SystemTaskRecord {
  const { full_name: _derived, ...rest } = task;
  return {
    ...rest,
    // LogEventSerializer writes its fields in their declared order; `attributes` comes back from jsonb.
    messages: task.messages.map((message) => ({ ...message, attributes: toJsonbValue(message.attributes) as LogEvent['attributes'] })),
    uuid: toCanonicalUuid(task.uuid)!,
    start_timestamp: micros(task.start_timestamp),
    finish_timestamp: micros(task.finish_timestamp),
    expires: task.expires ? micros(task.expires) : null,
    expiring: task.expiring ?? false,
  };
}

function toEventRecord(event: Event, fallbackBrand: Record<string, unknown>): EventRecord {
  const created = micros(event.created);
  return {
    pk: toCanonicalUuid(event.pk)!,
    user: toJsonbValue(event.user ?? {}),
    action: event.action,
    app: event.app,
    context: toJsonbValue(event.context ?? {}),
    // Stored as Postgres's inet prints it, like addresses written through the API.
    client_ip: event.client_ip == null ? null : (toPostgresInet(event.client_ip) ?? event.client_ip),
    created,
    expires: event.expires ? micros(event.expires) : created + days(365),
    brand: toJsonbValue(event.brand ?? fallbackBrand),
  };
}

/** The running state as a scenario that `PUT /__mock__/state` or `--scenario` loads back unchanged. */
export function toScenario(store: Store, tokens: TokenPolicy, description: string): ScenarioData {
  return {
    description,
    systemTasks: store.systemTasks.all().map((t) => ({ ...toSystemTaskJson(t) })),
    events: store.events.all().map((e) => ({ ...toEventJson(e) }) as Record<string, unknown>),
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
