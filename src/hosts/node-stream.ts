import type { ServerResponse } from 'node:http';

/**
 * Writes a streamed answer chunk by chunk: the headers at once (so the client sees the stream open), then
 * each chunk as the iterator gives it, waiting for `drain` when the socket is full. However it ends (the
 * iterator is done, the client goes away, even before the first write), the iterator's `return()` runs,
 * which ends its subscription and timers.
 */
export async function writeStream(res: ServerResponse, status: number, headers: string[], stream: AsyncIterable<string>): Promise<void> {
  const chunks = stream[Symbol.asyncIterator]();
  const stop = () => void chunks.return?.();
  res.once('close', stop);
  try {
    if (res.destroyed) return;
    // A stream holds its connection to the end; closing it then (no keep-alive) lets a server that is
    // shutting down finish, instead of waiting on a connection that went idle after close() was called.
    res.shouldKeepAlive = false;
    res.writeHead(status, headers);
    res.flushHeaders();
    for (;;) {
      const { done, value } = await chunks.next();
      if (done || res.destroyed) break;
      if (!res.write(value)) await drainedOrClosed(res);
    }
    res.end();
  } finally {
    res.off('close', stop);
    await chunks.return?.();
  }
}

/** Waits for the socket to take more, or to close; the listener not fired is removed, so none pile up. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
