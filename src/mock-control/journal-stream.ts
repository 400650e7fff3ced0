import type { MockJournalEntry } from '../openapi/generated/schemas';
import { matchesFilter, toJournalEntry, type Journal, type JournalFilter } from './journal';

export interface JournalStreamOptions {
  filter: JournalFilter;
  /** Turns one entry into the text of its event: `data: …` when it honours the spec, else an error event. */
  toEvent(entry: MockJournalEntry): string;
  /** A comment line this often, so that proxies and idle timeouts do not close a quiet stream. */
  heartbeatMs?: number;
  /** At most this many events wait for a slow reader; the oldest are dropped past it (the journal keeps 1,000). */
  maxQueued?: number;
}

/** `data: {…}` then a blank line: one server-sent event (WHATWG HTML, "Server-sent events"); JSON has no raw newline. */
export function toDataEvent(value: unknown, event?: string): string {
  return `${event === undefined ? '' : `event: ${event}\n`}data: ${JSON.stringify(value)}\n\n`;
}

/**
 * The journal as server-sent events: the entries it holds (oldest first, so a reader that prepends ends with
 * the newest on top), then each new one as it is recorded. `return()` ends it at once, even while a `next()`
 * waits, so that a host can stop it when the client goes away; the subscription and the timer go with it.
 */
export function createJournalStream(journal: Journal, options: JournalStreamOptions): AsyncIterableIterator<string> {
  const { filter, toEvent, heartbeatMs = 15_000, maxQueued = 1000 } = options;
  // EventSource reconnects after `retry` ms when the connection drops.
  const queue: string[] = ['retry: 2000\n\n'];
  for (const record of journal.records().reverse()) if (matchesFilter(record, filter)) queue.push(toEvent(toJournalEntry(record)));
  let waiting: ((result: IteratorResult<string>) => void) | undefined;
  let closed = false;

  const push = (chunk: string) => {
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: chunk, done: false });
      return;
    }
    queue.push(chunk);
    if (queue.length > maxQueued) queue.shift();
  };
  const unsubscribe = journal.subscribe(
    (record) => {
      if (matchesFilter(record, filter)) push(toEvent(toJournalEntry(record)));
    },
    () => void close(),
  );
  const timer = setInterval(() => push(': keep-alive\n\n'), heartbeatMs);
  // Node: a stream nobody closes must not keep the process alive (a browser's timer id is a number, without unref).
  (timer as unknown as { unref?: () => void }).unref?.();

  const close = (): IteratorResult<string> => {
    if (!closed) {
      closed = true;
      unsubscribe();
      clearInterval(timer);
      queue.length = 0;
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
    }
    return { value: undefined, done: true };
  };

  return {
    next() {
      if (closed) return Promise.resolve({ value: undefined, done: true });
      const chunk = queue.shift();
      if (chunk !== undefined) return Promise.resolve({ value: chunk, done: false });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return: () => Promise.resolve(close()),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
