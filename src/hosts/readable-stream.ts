/**
 * A streamed answer as a WHATWG ReadableStream of UTF-8 bytes, pulled one chunk at a time; cancelling the
 * stream (the reader went away) ends the iterator, and with it the journal subscription.
 */
export function toReadableStream(stream: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const chunks = stream[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}
