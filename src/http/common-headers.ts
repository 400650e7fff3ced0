import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * Headers authentik puts on every response, JSON or not: a request id, the product name and Django's
 * security middleware headers.
 */
export function commonHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-authentik-id', randomUUID().replaceAll('-', ''));
  res.setHeader('X-Powered-By', 'authentik');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  next();
}
