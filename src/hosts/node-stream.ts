import type { ServerResponse } from 'node:http';

/**
 * Writes a streamed answer chunk by chunk: the headers at once (so the client sees the stream open), then
 * each chunk as the iterator gives it, waiting for `drain` when the socket is full. When the client goes
 * away the iterator's `return()` stops it, which ends its subscription.
 */
export async function writeStream(res: ServerResponse, status: number, headers: string[], stream: AsyncIterable<string>): Promise<void> {
  const chunks = stream[Symbol.asyncIterator]();
  res.on('close', () => void chunks.return?.());
  res.writeHead(status, headers);
  res.flushHeaders();
  for (;;) {
    const { done, value } = await chunks.next();
    if (done || res.destroyed) break;
    if (!res.write(value)) await new Promise((resolve) => (res.once('drain', resolve), res.once('close', resolve)));
  }
  res.end();
}
