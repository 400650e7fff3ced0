import type { Request, Response } from 'express';
import { toErrorViewReply } from './django-error-views';
import { sendPage } from './send-page';

/**
 * A URL that matches no route, such as `/api/v3/events/events` without its trailing slash: authentik has
 * no slash redirect, so Django's 404 view answers (see `toErrorViewReply`: the HTML 404 on GET and HEAD,
 * 200 on OPTIONS, an empty 405 otherwise). A frontend that forgets the slash breaks here exactly as it
 * will in production.
 */
export function answerUnknownUrl(req: Request, res: Response): void {
  sendPage(res, toErrorViewReply(req.method, 404));
}
