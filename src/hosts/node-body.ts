import type { IncomingMessage } from 'node:http';
import { utf8Encode } from '../python/utf8';

export interface NodeBody {
  body?: Uint8Array;
  bodyTooLarge?: boolean;
}

/** A request that a body parser (`express.json()`…) may have read before the mock saw it. */
export type ParsedRequest = IncomingMessage & { body?: unknown };

/**
 * Reads a request body as bytes, up to `limit`. Unlike body-parser it does not inflate a gzip or deflate
 * `Content-Encoding`: Django does not either, so such a body reaches the JSON parser as it was sent.
 * Returns undefined at once when the request has no body (no Content-Length, no Transfer-Encoding).
 * Where a body parser mounted earlier already read the stream, its `req.body` is turned back into bytes
 * (JSON for a parsed object) and `onReparsed` is called, since the exact bytes are gone.
 */
export function readNodeBody(req: ParsedRequest, limit: number, onReparsed: () => void): Promise<NodeBody> | undefined {
  const declared = req.headers['content-length'];
  if (declared === undefined && req.headers['transfer-encoding'] === undefined) return undefined;
  if (req.readableEnded) return Promise.resolve(fromParsedBody(req.body, onReparsed));
  return new Promise((resolve, reject) => {
    if (declared !== undefined && Number(declared) > limit) {
      // Drain what the client sends, so that it can read the 413 instead of a reset connection.
      req.resume();
      resolve({ bodyTooLarge: true });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        resolve({ bodyTooLarge: true });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve({ body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) }));
    req.on('error', reject);
    // A client that hangs up mid-body gets no answer, but the request must not wait forever.
    req.on('close', () => {
      if (!req.readableEnded) reject(new Error('the connection closed before the body was read'));
    });
  });
}

function fromParsedBody(parsed: unknown, onReparsed: () => void): NodeBody {
  if (parsed instanceof Uint8Array) return { body: parsed };
  if (typeof parsed === 'string') return { body: utf8Encode(parsed) };
  if (parsed === undefined) return { body: new Uint8Array(0) };
  onReparsed();
  return { body: utf8Encode(JSON.stringify(parsed)) };
}
