import type { MockFault, MockStub, MockStubRequest } from '../openapi/generated/schemas';
import { queryValues, type Query } from '../drf/query';
import type { RequestHeaders } from '../registry/operation-registry';

/** What a stub is matched against: the request as the pipeline has parsed it. */
export interface StubRequest {
  query: Query;
  headers: RequestHeaders;
  /** The parsed JSON body; throws for a body that is not JSON (such a request matches no body pattern). */
  body(): unknown;
}

/** What a matching stub makes of the request: an answer of its own, or a fault. */
export type StubAnswer = { stub: MockStub; response: NonNullable<MockStubRequest['response']> } | { stub: MockStub; fault: MockFault };

/**
 * Answers chosen by what a request carries (issue 18): per operationId, the newest stub whose `match` holds
 * answers, `times` times at most, then falls away. Kept in the order they were made.
 */
export class Stubs {
  private list: MockStub[] = [];
  private nextId = 1;

  get current(): readonly MockStub[] {
    return this.list;
  }

  add(request: MockStubRequest): MockStub {
    const stub: MockStub = { id: `stub-${this.nextId++}`, remaining: request.times ?? null, stub: request };
    this.list = [...this.list, stub];
    return stub;
  }

  remove(id: string): boolean {
    const before = this.list.length;
    this.list = this.list.filter((stub) => stub.id !== id);
    return this.list.length < before;
  }

  clear(): void {
    this.list = [];
  }

  /** The newest stub of the operation that matches, counted once; undefined when none does. */
  answer(operationId: string, request: StubRequest): StubAnswer | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const stub = this.list[i]!;
      if (stub.stub.operationId !== operationId || !matches(stub.stub, request)) continue;
      const remaining = stub.remaining === null ? null : stub.remaining - 1;
      const counted = { ...stub, remaining };
      this.list = remaining === 0 ? this.list.filter((_, at) => at !== i) : this.list.map((other, at) => (at === i ? counted : other));
      return stub.stub.response ? { stub: counted, response: stub.stub.response } : { stub: counted, fault: stub.stub.fault! };
    }
    return undefined;
  }
}

function matches(stub: MockStubRequest, request: StubRequest): boolean {
  const { query, headers, body } = stub.match ?? {};
  for (const [name, value] of Object.entries(query ?? {})) if (!queryValues(request.query, name).includes(value!)) return false;
  for (const [name, value] of Object.entries(headers ?? {})) {
    const sent = request.headers[name.toLowerCase()];
    if ((Array.isArray(sent) ? sent.join(', ') : sent) !== value) return false;
  }
  if (body === undefined) return true;
  let sent: unknown;
  try {
    sent = request.body();
  } catch {
    return false;
  }
  return isSubset(body, sent);
}

/** A JSON subset: every key of a pattern object is in the value with a subset of its value; arrays and scalars equal. */
function isSubset(pattern: unknown, value: unknown): boolean {
  if (pattern === null || typeof pattern !== 'object') return pattern === (value !== null && typeof value === 'object' && 'toJSON' in value ? (value as { toJSON(): unknown }).toJSON() : value);
  if (Array.isArray(pattern)) return Array.isArray(value) && value.length === pattern.length && pattern.every((item, i) => isSubset(item, value[i]));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = value instanceof Map ? value : new Map(Object.entries(value));
  return Object.entries(pattern).every(([key, item]) => entries.has(key) && isSubset(item, entries.get(key)));
}
