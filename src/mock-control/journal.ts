/** One request as the journal keeps it. */
export interface JournalEntry {
  timestamp: string;
  method: string;
  path: string;
  query: Record<string, string>;
  operationId: string | null;
  status: number;
  duration_ms: number;
  request_body: unknown;
  response_body: unknown;
}

/** What the frontend sent and what it got, newest first, bounded so that a long session cannot exhaust memory. */
export class Journal {
  private entries: JournalEntry[] = [];

  constructor(private readonly limit = 1000) {}

  record(entry: JournalEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  /** Newest first, optionally only one operation and/or one status. */
  list(filter: { operationId?: string; status?: number } = {}): JournalEntry[] {
    return this.entries
      .filter((e) => (filter.operationId === undefined || e.operationId === filter.operationId) && (filter.status === undefined || e.status === filter.status))
      .reverse();
  }

  clear(): void {
    this.entries = [];
  }
}

const BODY_KEPT = 64 * 1024;

/** A body for the journal: parsed JSON when it is JSON, else its text, cut at 64 KiB. */
export function toJournalBody(raw: Buffer | string | undefined): unknown {
  if (raw === undefined || raw.length === 0) return null;
  const text = (typeof raw === 'string' ? raw : raw.toString('utf8')).slice(0, BODY_KEPT);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
