import express, { type Express } from 'express';
import { createLogger } from '@stoplight/prism-core';
import { createInstance, getHttpOperationsFromSpec, type IHttpRequest } from '@stoplight/prism-http';
import { findSpecPath } from '../../src/node/spec-files';

/**
 * Prism's spec-only mock of our spec as an HTTP server: it answers every operation from the schemas and
 * remembers nothing. The contract suite must fail it on lifecycle and authentication.
 */
export async function createPrismServer(): Promise<Express> {
  const operations = await getHttpOperationsFromSpec(findSpecPath());
  const logger = createLogger('prism', { enabled: false });
  const prism = createInstance(
    { mock: { dynamic: true }, checkSecurity: true, validateRequest: true, validateResponse: false, errors: false, upstreamProxy: undefined, isProxy: false },
    { logger },
  );
  const app = express();
  app.use(express.text({ type: () => true }));
  app.use(async (req, res) => {
    const url = new URL(req.originalUrl, 'http://prism');
    const input: IHttpRequest = {
      method: req.method.toLowerCase() as IHttpRequest['method'],
      url: { path: url.pathname.replace(/^\/api\/v3/, ''), query: Object.fromEntries([...url.searchParams].map(([k, v]) => [k, [v]])) },
      headers: req.headers as Record<string, string>,
      body: typeof req.body === 'string' && req.body !== '' ? safeJson(req.body) : undefined,
    };
    const result = await prism.request(input, operations)();
    if (result._tag === 'Right') {
      const { statusCode, headers, body } = result.right.output;
      res.status(statusCode).set(headers ?? {});
      res.send(typeof body === 'string' ? body : JSON.stringify(body));
      return;
    }
    const error = result.left as Error & { status?: number; additional?: { headers?: Record<string, string> } };
    res.status(error.status ?? 500).set(error.additional?.headers ?? {}).type('application/problem+json').send(JSON.stringify({ title: error.message }));
  });
  return app;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
