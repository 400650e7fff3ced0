import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDropped, type CoreOutcome, type HandleRequest } from '../core/core-types';
import { readNodeBody, type ParsedRequest } from './node-body';
import { writeStream } from './node-stream';

/** Writes the core's answer in one `writeHead` (Node's fast path); a dropped connection is destroyed unanswered. */
export function writeOutcome(res: ServerResponse, outcome: CoreOutcome): void {
  if (isDropped(outcome)) {
    res.socket?.destroy();
    return;
  }
  if (outcome.stream) return void writeStream(res, outcome.status, outcome.headers, outcome.stream);
  res.writeHead(outcome.status, outcome.headers);
  res.end(outcome.body);
}

export interface NodeHandlerOptions {
  bodyLimit: number;
  /** Called when a body parser mounted before the mock had already read the body. */
  onReparsedBody?: () => void;
  log?: (line: string) => void;
  /**
   * Read `originalUrl` (Express, Connect) rather than `url`: a framework that mounts middleware under a path
   * rewrites `url` without it, while the mock routes on the path the client sent.
   */
  useOriginalUrl?: boolean;
}

/** Node's `(req, res)` for the core: the body is read here, everything else happens in the core. */
export function createNodeHandler(handle: HandleRequest, options: NodeHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const onReparsed = options.onReparsedBody ?? (() => undefined);
  return async (req, res) => {
    const url = (options.useOriginalUrl ? (req as { originalUrl?: string }).originalUrl : undefined) ?? req.url ?? '/';
    try {
      const reading = readNodeBody(req as ParsedRequest, options.bodyLimit, onReparsed);
      const body = reading ? await reading : undefined;
      writeOutcome(res, await handle({ method: req.method ?? 'GET', url, headers: req.headers, ...body }));
    } catch (error) {
      // Only a body that could not be read gets here (the core answers everything else): the client is gone.
      options.log?.(`${req.method} ${url}: ${(error as Error).message}`);
      res.socket?.destroy();
    }
  };
}
