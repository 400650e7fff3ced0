import type { Principal } from '../auth/authenticate';
import type { MockJournalEntry } from '../openapi/generated/schemas';
import { parseQuery, queryValues } from '../drf/query';
import { utf8DecodeLenient } from '../python/utf8';
import type { RequestHeaders } from '../registry/operation-registry';

/** What the pipeline hands over per request: raw facts, formatted only when someone reads the journal. */
export interface JournalRecord {
  at: number;
  method: string;
  path: string;
  url: string;
  operationId: string | undefined;
  /** 0 when a fault dropped the connection. */
  status: number;
  durationMs: number;
  requestBody: Uint8Array | undefined;
  responseBody: unknown;
  /** The request's headers as received; the journal masks the credentials when it is read. */
  headers: RequestHeaders;
  /** Who the bearer token resolved to; undefined without credentials (or before they were read). */
  principal: Principal | undefined;
  /** What made the answer: the mock itself, an injected fault, a stub, or the real authentik (`--upstream`, `--proxy`). */
  answeredBy: 'mock' | 'fault' | 'stub' | 'upstream';
  /** The stub that answered, if one did. */
  stubId?: string;
  /** A stub answered with a body it declared outside the spec. */
  outsideContract?: boolean;
  /** The session that served it (issue 18): `default` unless the request named one. */
  session: string;
  /** How the upstream's answer breaks the spec (one sentence each); the client got it as it was. */
  contractViolations?: readonly string[];
}

/**
 * What the frontend sent and what it got, newest first. A ring buffer of raw records: recording costs a
 * few assignments per request (the benchmark showed formatting on the hot path cost 10 % of throughput);
 * JSON parsing and timestamps happen in `list`. Response bodies are kept by reference: they are immutable.
 */
export class Journal {
  private readonly ring: Array<JournalRecord | undefined>;
  private next = 0;
  private count = 0;
  private readonly listeners = new Set<(record: JournalRecord) => void>();
  private readonly enders = new Set<() => void>();

  constructor(private readonly limit = 1000) {
    this.ring = new Array<JournalRecord | undefined>(limit);
  }

  record(entry: JournalRecord): void {
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.limit;
    this.count = Math.min(this.count + 1, this.limit);
    // A listener's failure (one dashboard's stream) must not cost the request its answer, nor the others their entry.
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** Where a failing listener is reported; the core points it at its log. */
  onListenerError: (error: unknown) => void = () => undefined;

  /**
   * Calls `listener` with every record from now on (the journal stream), and `onEnd` when the mock shuts down
   * (`endStreams`); returns the unsubscribe.
   */
  subscribe(listener: (record: JournalRecord) => void, onEnd?: () => void): () => void {
    this.listeners.add(listener);
    if (onEnd) this.enders.add(onEnd);
    return () => {
      this.listeners.delete(listener);
      if (onEnd) this.enders.delete(onEnd);
    };
  }

  /** Ends every open stream, so that a server shutting down does not wait on a live dashboard forever. */
  endStreams(): void {
    for (const end of [...this.enders]) end();
  }

  /** How many listeners (open journal streams) there are. */
  get subscribers(): number {
    return this.listeners.size;
  }

  /** How many records it holds. */
  get size(): number {
    return this.count;
  }

  /** The records held, newest first, unformatted. */
  records(): JournalRecord[] {
    const out: JournalRecord[] = [];
    for (let i = 1; i <= this.count; i++) out.push(this.ring[(this.next - i + this.limit) % this.limit]!);
    return out;
  }

  /** Newest first, optionally only one operation and/or one status. */
  list(filter: JournalFilter = {}): MockJournalEntry[] {
    return this.records().filter((record) => matchesFilter(record, filter)).map(toJournalEntry);
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}

/**
 * The journal's filters, all optional and all required to hold: one operation, one method, one status (0 for
 * dropped connections), and query parameters the request carried with exactly those values.
 */
export interface JournalFilter {
  operationId?: string;
  method?: string;
  status?: number;
  query?: ReadonlyArray<readonly [string, string]>;
}

export function matchesFilter(record: JournalRecord, filter: JournalFilter): boolean {
  if (filter.operationId !== undefined && record.operationId !== filter.operationId) return false;
  if (filter.method !== undefined && record.method !== filter.method.toUpperCase()) return false;
  if (filter.status !== undefined && record.status !== filter.status) return false;
  if (filter.query && filter.query.length > 0) {
    const sent = parseQuery(record.url);
    if (!filter.query.every(([name, value]) => queryValues(sent, name).includes(value))) return false;
  }
  return true;
}

/**
 * Resolves with the matching records (newest first) once there are `count` of them, those already held
 * included, or after `timeoutMs` with the ones there are (`satisfied: false`). Waits on the journal's own
 * listener, so a request answered meanwhile is seen at once.
 */
export function waitForRecords(journal: Journal, filter: JournalFilter, count: number, timeoutMs: number): Promise<{ satisfied: boolean; records: JournalRecord[] }> {
  const matching = () => journal.records().filter((record) => matchesFilter(record, filter));
  const now = matching();
  if (now.length >= count) return Promise.resolve({ satisfied: true, records: now });
  return new Promise((resolve) => {
    let seen = now.length;
    const finish = (satisfied: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      resolve({ satisfied, records: matching() });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    // The mock shutting down ends the wait with what there is.
    const unsubscribe = journal.subscribe(
      (record) => {
        if (matchesFilter(record, filter) && ++seen >= count) finish(true);
      },
      () => finish(false),
    );
  });
}

/**
 * `Bearer qa-t…` for `Bearer qa-token`: enough of a credential to tell tokens apart in a journal a QA
 * engineer shares, not enough to use it. The first four characters, and none of a token of eight or fewer.
 */
export function maskCredential(value: string): string {
  const space = value.indexOf(' ');
  const scheme = space === -1 ? '' : value.slice(0, space + 1);
  const secret = space === -1 ? value : value.slice(space + 1);
  return `${scheme}${secret.length > 8 ? secret.slice(0, 4) : ''}…`;
}

/** The request headers for the journal: names in lower case, a repeated header joined, credentials masked. */
function journalHeaders(headers: RequestHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = name === 'authorization' ? maskCredential(text) : text;
  }
  return out;
}

/** A record as the admin API gives it: timestamps, the query and JSON bodies parsed. */
export function toJournalEntry(record: JournalRecord): MockJournalEntry {
  return {
    timestamp: new Date(record.at).toISOString(),
    method: record.method,
    path: record.path,
    url: record.url,
    query: Object.fromEntries(parseQuery(record.url)),
    operationId: record.operationId ?? null,
    status: record.status,
    duration_ms: Math.round(record.durationMs * 1000) / 1000,
    request_body: toJournalBody(record.requestBody),
    response_body: record.responseBody ?? null,
    request_headers: journalHeaders(record.headers),
    principal: record.principal ? { token: maskCredential(record.principal.token), superuser: record.principal.superuser, permissions: [...record.principal.permissions].sort() } : null,
    answered_by: record.answeredBy,
    stub_id: record.stubId ?? null,
    outside_contract: record.outsideContract === true,
    session: record.session,
    contract_violations: [...(record.contractViolations ?? [])],
  };
}

/** The most of a request body the journal keeps, in bytes; the core copies no more than this. */
export const JOURNAL_BODY_LIMIT = 64 * 1024;

/** A body for the journal: parsed JSON when it is JSON, else its text, cut at 64 KiB. */
function toJournalBody(raw: Uint8Array | undefined): unknown {
  if (raw === undefined || raw.length === 0) return null;
  const text = utf8DecodeLenient(raw, JOURNAL_BODY_LIMIT);
  // A body nested deeper than any answer can be written back (the JSON writer recurses) is kept as its text.
  if (nestingDepth(text) > MAX_JOURNAL_NESTING) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// Below orjson's write limit (about 254 levels, decision 016), with room for the journal's own envelope.
const MAX_JOURNAL_NESTING = 200;

/** How deeply `[` and `{` nest in JSON text, strings skipped; a plain scan, so it cannot overflow the stack itself. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** The journal keeps at most 64 KiB of a body, copied, so that a large body is not held in memory whole. */
export function keptBody(raw: Uint8Array | undefined): Uint8Array | undefined {
  return raw && raw.length > JOURNAL_BODY_LIMIT ? raw.slice(0, JOURNAL_BODY_LIMIT) : raw;
}
