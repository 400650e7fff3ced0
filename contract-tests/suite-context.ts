import { randomUUID } from 'node:crypto';
import type { OpenApiDocument } from '../src/openapi/spec-document';
import { getOperation, listOperations, type Operation } from '../src/openapi/operations';
import type { Recorder } from './results';
import type { Target } from './target';

/** What every check gets: the target, the recorder, the spec's operations and the run's settings. */
export interface SuiteContext {
  target: Target;
  recorder: Recorder;
  spec: OpenApiDocument;
  /** Skip every request that could write (anything but GET). */
  readOnly: boolean;
  seed: number;
  runs: number;
  /** How long task-run waits for a started task to show its new run. */
  taskRunWaitMs: number;
  /** Restricted tokens for the permission checks; each is optional. */
  tokens: { viewer?: string; noPermission?: string };
  /**
   * The spec's operations the target has (the reachability check decides, before the other checks): the checks
   * that go over every operation go over these, so that a missing operation is one reachability finding.
   */
  operations: Operation[];
  /** What the suite knows of the version beyond its spec (suite-versions.ts). */
  rules: VersionRules;
}

/** Facts of a version that its spec does not state, which the generic checks need. */
export interface VersionRules {
  /**
   * Operations whose view looks the object up before any permission check: a random id is 404 for every
   * authenticated caller and one without credentials (2025.8's `send/`: no filter backends, `get_object()` in
   * the decorator); bad credentials still fail authentication first (403).
   */
  lookupBeforePermission: ReadonlySet<string>;
}

export const NO_VERSION_RULES: VersionRules = { lookupBeforePermission: new Set() };

export function createOperationLookup(spec: OpenApiDocument): (operationId: string) => Operation {
  const operations = listOperations(spec);
  return (operationId) => getOperation(operations, operationId);
}

/** The path parameters of a detail operation, filled with one id (`{ event_uuid: id }`). */
export function idParams(operation: Operation, id: string): Record<string, string> {
  const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  return Object.fromEntries(names.map((name) => [name, id]));
}

/** A v4 UUID that no server has: the suite's way to ask for a missing object without assuming data. */
export const unknownId = (): string => randomUUID();

/** Deep equality of JSON values that ignores object key order (jsonb reorders keys). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Two ISO date-times that name the same instant (microseconds included). */
export function sameInstant(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  return instantMicros(a) === instantMicros(b);
}

/** An ISO date-time as microseconds since the epoch (Date.parse alone drops the last three digits); NaN if not one. */
export function instantMicros(text: unknown): number {
  if (typeof text !== 'string') return NaN;
  const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
  return Date.parse(text.replace(/\.\d+/, '')) * 1000 + Number(fraction.slice(0, 6).padEnd(6, '0'));
}
