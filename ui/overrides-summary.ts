import type { MockFault, MockFaults, MockStub } from '../src/openapi/generated/schemas';

/** A fault in words: `503, 50% of requests, 200-400 ms latency`. */
export function describeFault(fault: MockFault): string {
  const parts: string[] = [];
  if (fault.drop_connection) parts.push('drops the connection');
  else if (fault.status !== undefined) parts.push(`answers ${fault.status}`);
  if (fault.failure_rate !== undefined && (fault.status !== undefined || fault.drop_connection)) parts.push(`${Math.round(fault.failure_rate * 100)}% of requests`);
  const latency = fault.latency_ms;
  if (latency !== undefined) parts.push(`${Array.isArray(latency) ? `${latency[0]}-${latency[1]}` : latency} ms latency`);
  return parts.join(', ');
}

/** One line per fault: `events_system_tasks_list: answers 503`. */
export function faultLines(faults: MockFaults): string[] {
  return Object.entries(faults).map(([operationId, fault]) => `${operationId}: ${describeFault(fault!)}`);
}

/** One line per stub: `stub-1 on events_events_list: answers 500 when query page=2, 2 left`. */
export function stubLine({ id, remaining, stub }: MockStub): string {
  const answer = stub.response ? `answers ${stub.response.status}${stub.outsideContract ? ' (outside the contract)' : ''}` : describeFault(stub.fault ?? {});
  const match = stub.match ?? {};
  const when = [
    ...Object.entries(match.query ?? {}).map(([name, value]) => `query ${name}=${value}`),
    ...Object.entries(match.headers ?? {}).map(([name, value]) => `header ${name}: ${value}`),
    match.body === undefined ? null : `body ${JSON.stringify(match.body)}`,
  ].filter((part) => part !== null);
  return `${id} on ${stub.operationId}: ${answer}${when.length === 0 ? '' : ` when ${when.join(', ')}`}, ${remaining === null ? 'every time' : `${remaining} left`}`;
}

/** `1 fault`, `2 stubs`. */
export function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
