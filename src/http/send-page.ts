import type { ServerResponse } from 'node:http';
import type { PageReply } from './django-error-views';

/** Writes a page reply in one `writeHead`, its `Vary` joined to one already set (CORS's `Origin`). */
export function sendPage(res: ServerResponse, reply: PageReply): void {
  const headers = [...reply.headers];
  const vary = headers.indexOf('Vary');
  if (vary !== -1 && res.hasHeader('Vary')) headers[vary + 1] = `${String(res.getHeader('Vary'))}, ${headers[vary + 1]}`;
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}
