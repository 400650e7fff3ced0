import type { MockJournalEntry } from '../openapi/generated/schemas';
import { parseQuery } from '../drf/query';
import { utf8DecodeLenient } from '../python/utf8';

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

/** The journal's filters: one operation and/or one status (0 for dropped connections). */
export interface JournalFilter {
  operationId?: string;
  status?: number;
}

export function matchesFilter(record: JournalRecord, filter: JournalFilter): boolean {
  return (filter.operationId === undefined || record.operationId === filter.operationId) && (filter.status === undefined || record.status === filter.status);
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
