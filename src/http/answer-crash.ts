import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthentikCrash } from './authentik-crash';
import { toErrorViewReply } from './django-error-views';
import type { Log } from './respond';
import { sendPage } from './send-page';

/**
 * Answers a request authentik fails on as its 500 view does (500 page on GET, empty 405 on writes) and
 * logs it as authentik's answer, not the mock's bug. Returns the status sent, for the journal.
 */
export function answerCrash(req: IncomingMessage, res: ServerResponse, crash: AuthentikCrash, log: Log): number {
  log(`${crash.message} (${req.method} ${req.url})`);
  const reply = toErrorViewReply(req.method ?? 'GET', 500);
  sendPage(res, reply);
  return reply.status;
}
