import type { NextFunction, Request, Response } from 'express';
import { commonHeaderPairs } from './common-headers';

/**
 * CORS for browser frontends on another origin. The real server is same-origin and sends none of this;
 * the mock adds it so that a dev server on another port can call it. An OPTIONS carrying `Origin` is a
 * preflight and is answered 204 before authentication (browsers send preflights without credentials).
 * `allowedOrigins` undefined means any origin (`*`; bearer tokens are not CORS credentials, so `*` works).
 */
export function createCors(allowedOrigins: readonly string[] | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    const allowed = allowedOrigins === undefined || allowedOrigins.includes(origin);
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', allowedOrigins === undefined ? '*' : origin);
      if (allowedOrigins !== undefined) res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', 'X-authentik-id');
    }
    if (req.method !== 'OPTIONS') return next();
    if (allowed) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'authorization, content-type');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.writeHead(204, commonHeaderPairs());
    res.end();
  };
}
