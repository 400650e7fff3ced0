import type { IncomingMessage } from 'node:http';
import { ApiError, detailError } from './api-error';

/**
 * Reads a request body as bytes, up to `limit`. Unlike body-parser it does not inflate a gzip or deflate
 * `Content-Encoding`: Django does not either, so such a body reaches the JSON parser as it was sent.
 * Resolves undefined when the request has no body (no Content-Length, no Transfer-Encoding).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> | undefined {
  const declared = req.headers['content-length'];
  if (declared === undefined && req.headers['transfer-encoding'] === undefined) return undefined;
  // Something before us (a proxy middleware, a test harness) already read the stream.
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const tooLarge = () => detailError(413, `Request body is larger than the limit of ${limit} bytes.`);
    if (declared !== undefined && Number(declared) > limit) {
      // Drain what the client sends, so that it can read the 413 instead of a reset connection.
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on('error', (error) => reject(new ApiError(400, { detail: `Request body could not be read: ${error.message}` })));
    // A client that hangs up mid-body gets no answer, but the request must not wait forever.
    req.on('close', () => {
      if (!req.readableEnded) reject(new ApiError(400, { detail: 'Request body could not be read: the connection closed' }));
    });
  });
}
