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

  constructor(private readonly limit = 1000) {
    this.ring = new Array<JournalRecord | undefined>(limit);
  }

  record(entry: JournalRecord): void {
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.limit;
    this.count = Math.min(this.count + 1, this.limit);
  }

  /** Newest first, optionally only one operation and/or one status. */
  list(filter: { operationId?: string; status?: number } = {}): MockJournalEntry[] {
    const out: MockJournalEntry[] = [];
    for (let i = 1; i <= this.count; i++) {
      const entry = this.ring[(this.next - i + this.limit) % this.limit]!;
      if (filter.operationId !== undefined && entry.operationId !== filter.operationId) continue;
      if (filter.status !== undefined && entry.status !== filter.status) continue;
      out.push({
        timestamp: new Date(entry.at).toISOString(),
        method: entry.method,
        path: entry.path,
        query: Object.fromEntries(parseQuery(entry.url)),
        operationId: entry.operationId ?? null,
        status: entry.status,
        duration_ms: Math.round(entry.durationMs * 1000) / 1000,
        request_body: toJournalBody(entry.requestBody),
        response_body: entry.responseBody ?? null,
      });
    }
    return out;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}

const BODY_KEPT = 64 * 1024;

/** A body for the journal: parsed JSON when it is JSON, else its text, cut at 64 KiB. */
function toJournalBody(raw: Uint8Array | undefined): unknown {
  if (raw === undefined || raw.length === 0) return null;
  const text = utf8DecodeLenient(raw, BODY_KEPT);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
