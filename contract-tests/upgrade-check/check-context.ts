import type { Operation } from '../../src/openapi/operations';
import type { BehaviourNotes } from '../../src/versions/behaviour-notes-2025.8';
import type { JournalRequest } from './journal';
import { createSchemaValidator, type SchemaValidator } from './schema-validator';
import type { VersionView } from './version-specs';

/** The two versions a check compares, their validators and the notes the specs cannot give. */
export interface CheckContext {
  from: VersionView & { validate: SchemaValidator };
  to: VersionView & { validate: SchemaValidator };
  notes: BehaviourNotes;
}

/** One recorded request, with the operation it reached on the source version and the same operation on the target. */
export interface RequestInContext {
  request: JournalRequest;
  fromOp: Operation;
  /** The operation of the same operationId in the target version; undefined when it was removed. */
  toOp: Operation | undefined;
  /** Every value of each query parameter, in order (`actions=a&actions=b`). */
  query: Map<string, string[]>;
}

export function createCheckContext(from: VersionView, to: VersionView, notes: BehaviourNotes): CheckContext {
  return { from: { ...from, validate: createSchemaValidator(from.spec) }, to: { ...to, validate: createSchemaValidator(to.spec) }, notes };
}

/** The query of a recorded URL, every value kept: the journal's `query` object keeps only the last. */
export function queryOf(url: string): Map<string, string[]> {
  const at = url.indexOf('?');
  const query = new Map<string, string[]>();
  if (at === -1) return query;
  for (const [key, value] of new URLSearchParams(url.slice(at + 1))) query.set(key, [...(query.get(key) ?? []), value]);
  return query;
}

/** A value for a message, cut so that one long body does not swamp the report. */
export function shortJson(value: unknown, limit = 60): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
